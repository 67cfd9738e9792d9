//! The synthetic schema the codegen benchmark measures is one the generator
//! accepts in full: a definition that failed to lower would make the
//! benchmark measure an error path.

use dmforge_codegen::ir::TypeKind;
use dmforge_contenders::schemas::with_definitions;

#[test]
fn every_synthetic_definition_becomes_a_struct() {
    for definitions in [1, 10, 100] {
        let text = with_definitions(definitions);
        let module =
            dmforge_codegen::load::load_text("synthetic/all", "synthetic.schema.json", &text)
                .unwrap_or_else(|e| panic!("{e:?}"));
        let structs = module
            .types
            .iter()
            .filter(|t| matches!(&t.kind, TypeKind::Struct(s) if s.closed && !s.fields.is_empty()))
            .count();
        assert_eq!(
            structs,
            definitions + 1,
            "{definitions} definitions and the root"
        );
        let code = dmforge_codegen::render(&[module], "::dmforge_runtime").expect("renders");
        assert!(code.contains(&format!("pub struct Item{}", definitions - 1)));
    }
}

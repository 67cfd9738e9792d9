// Infobip's `sendAt` holds an instant, not text: a string does not go in,
// however well formed. It is made with `try_from` or `parse`, which read it.
use dmforge::infobip::send_message::Schedule;

fn main() {
    let _schedule = Schedule { bulk_id: None, send_at: Some("2026-12-01T10:00:00.000+0000".into()) };
}

#!/usr/bin/env perl
# Generates the Unicode range tables of runtime/src/rules/format.rs (Bidi
# class, joining type, virama, forms NFKC changes) from the Unicode database
# that ships with Perl (Unicode::UCD), and checks the runtime's lookups
# against it. Run: perl scripts/gen-idna-tables.pl
use strict; use warnings;
use Unicode::UCD qw(prop_invmap);
my $MAX = 0x10FFFF;
sub expand { my ($p)=@_; my ($l,$m,$f,$d)=prop_invmap($p); my @a; for my $i (0..$#$l) { my $end = $i < $#$l ? $l->[$i+1]-1 : $MAX; for my $c ($l->[$i]..$end) { $a[$c] = $m->[$i]; } } return \@a; }
my $gc = expand('gc'); my $bc = expand('bc'); my $jt = expand('jt'); my $ccc = expand('ccc'); my $hst = expand('hst'); my $blk = expand('blk');
my @nfkc_changes;
{ my ($l,$m,$f,$d)=prop_invmap('NFKC_Casefold'); for my $i (0..$#$l) { my $end = $i < $#$l ? $l->[$i+1]-1 : $MAX; my $v=$m->[$i]; for my $c ($l->[$i]..$end) { my $ch; if (ref $v) { $ch = 1 } elsif ($v eq '') { $ch = 1 } elsif ($v == 0) { $ch = 0 } else { $ch = ($v + ($c - $l->[$i])) != $c } $nfkc_changes[$c]=$ch; } } }
my (@di,@ws,@nchar,@joinc,@cwcf);
for my $c (0..$MAX) { next if $c >= 0xD800 && $c <= 0xDFFF; my $s = chr($c);
  $di[$c] = $s =~ /\p{Default_Ignorable_Code_Point}/ ? 1:0; $ws[$c] = $s =~ /\p{White_Space}/ ?1:0; $nchar[$c] = $s =~ /\p{Noncharacter_Code_Point}/?1:0; $joinc[$c] = $s =~ /\p{Join_Control}/?1:0; $cwcf[$c] = $s =~ /\p{Changes_When_Casefolded}/?1:0; }
my %exc = ( map({$_=>'P'} 0xDF,0x3C2,0x6FD,0x6FE,0xF0B,0x3007), map({$_=>'O'} 0xB7,0x375,0x5F3,0x5F4,0x30FB,0x660..0x669,0x6F0..0x6F9), map({$_=>'D'} 0x640,0x7FA,0x302E,0x302F,0x3031..0x3035,0x303B) );
my %letterdigits = map {$_=>1} qw(Ll Lu Lo Nd Lm Mn Mc);
sub ignorable_block { my $c=shift; return ($c>=0x20D0&&$c<=0x20FF)||($c>=0x1D100&&$c<=0x1D1FF)||($c>=0x1D200&&$c<=0x1D24F); }
sub exact { my $c=shift; return $exc{$c} if exists $exc{$c};
  return 'U' if $gc->[$c] eq 'Cn' && !$nchar[$c];
  return 'P' if $c==0x2D || ($c>=0x30&&$c<=0x39) || ($c>=0x61&&$c<=0x7A);
  return 'J' if $joinc[$c];
  return 'D' if $nfkc_changes[$c];
  return 'D' if $di[$c]||$ws[$c]||$nchar[$c];
  return 'D' if ignorable_block($c);
  return 'D' if $hst->[$c] =~ /^(L|V|T)$/;
  return 'P' if $letterdigits{$gc->[$c]};
  return 'D'; }
# runtime approximation before the NFKC table: which code points does the table decide?
my @prop; my (@tbl_rel);
for my $c (0..$MAX) { next if $c >= 0xD800 && $c <= 0xDFFF; $prop[$c] = exact($c);
  # the table is consulted after exceptions, Cn, LDH, JoinControl, CWCF; it matters when the rest would say PVALID
  next if exists $exc{$c}; next if $gc->[$c] eq 'Cn'; next if $c < 0x80; next if $joinc[$c]; next if $cwcf[$c];
  my $rest = ($di[$c]||$ws[$c]||$nchar[$c]||ignorable_block($c)||$hst->[$c] =~ /^(L|V|T)$/ || !$letterdigits{$gc->[$c]}) ? 'D' : 'P';
  next if $rest eq 'D';
  push @tbl_rel, [$c, $nfkc_changes[$c] ? 1 : 0];
}
sub ranges { # input: list of [cp, want(0/1)], sorted; output ranges covering all want=1 and no want=0 (gaps are don't-care)
  my @r; my $open;
  for my $e (@_) { my ($c,$w)=@$e; if ($w) { if ($open) { $open->[1]=$c } else { $open=[$c,$c]; push @r,$open } } else { $open=undef } }
  return @r; }
my @unstable = ranges(@tbl_rel);
print STDERR "unstable ranges: ", scalar(@unstable), "\n";
open my $o, '>', 'unstable.txt'; printf $o "    (0x%04X, 0x%04X),\n", @$_ for @unstable; close $o;
# Valid set V
my @V = grep { defined $prop[$_] && $prop[$_] =~ /^[POJ]$/ } 0..$MAX;
print STDERR "V size: ", scalar(@V), "\n";
# Bidi groups
sub bgroup { my $b = shift; return 'L' if $b eq 'L'; return 'RTL' if $b eq 'R' || $b eq 'AL'; return 'AN' if $b eq 'AN'; return 'EN' if $b eq 'EN'; return 'NSM' if $b eq 'NSM'; return 'N' if $b =~ /^(ES|CS|ET|ON|BN)$/; return "X$b"; }
sub bdefault { my $c=shift; return 'EN' if $c>=0x30&&$c<=0x39; return 'N' if $c==0x2D; return 'L' if $c<0x80; return 'NSM' if $gc->[$c] =~ /^M[ne]$/; return 'N' if $joinc[$c]; return 'L'; }
my %count; my @bt; my $open;
for my $c (@V) { my $want = bgroup($bc->[$c]); $count{$want}++; my $def = bdefault($c);
  if ($open && $open->[2] eq $want) { $open->[1] = $c if $want ne $def || 1; next }
  if ($want eq $def) { $open = undef; next }
  $open = [$c,$c,$want]; push @bt, $open; }
# trim: ranges extended over members equal to default are fine.
print STDERR "bidi groups: ", join(" ", map {"$_=$count{$_}"} sort keys %count), "\n";
print STDERR "bidi ranges: ", scalar(@bt), "\n";
open $o, '>', 'bidi.txt'; printf $o "    (0x%04X, 0x%04X, %s),\n", @$_ for @bt; close $o;
# Joining types
my %jcount; my @jtab; $open=undef;
sub jdefault { my $c=shift; return 'T' if $gc->[$c] =~ /^(Mn|Me|Cf)$/ && !$joinc[$c]; return 'U'; }
sub jshort { my $j=shift; my %m=(Non_Joining=>'U', Transparent=>'T', Dual_Joining=>'D', Right_Joining=>'R', Left_Joining=>'L', Join_Causing=>'C'); return $m{$j} // $j; }
for my $c (@V) { my $want = jshort($jt->[$c]); $want = 'U' if $want eq 'C' && 0; $jcount{$want}++; my $def=jdefault($c);
  if ($open && $open->[2] eq $want) { $open->[1]=$c; next }
  if ($want eq $def) { $open=undef; next }
  $open=[$c,$c,$want]; push @jtab,$open; }
print STDERR "jt: ", join(" ", map {"$_=$jcount{$_}"} sort keys %jcount), " ranges ", scalar(@jtab), "\n";
open $o, '>', 'joining.txt'; printf $o "    (0x%04X, 0x%04X, %s),\n", @$_ for @jtab; close $o;
# Virama
my @vir = ranges(map { [$_, $ccc->[$_] == 9 ? 1 : 0] } @V);
print STDERR "virama ranges: ", scalar(@vir), "\n";
open $o, '>', 'virama.txt'; printf $o "    (0x%04X, 0x%04X),\n", @$_ for @vir; close $o;
# dump exact property for verification (compact ranges of P/O/J)
open $o, '>', 'exact.txt'; my $prev=''; my $start=0; for my $c (0..$MAX+1) { my $p = ($c <= $MAX && defined $prop[$c]) ? $prop[$c] : 'S'; if ($p ne $prev) { printf $o "%X %s\n", $start, $prev if $c > 0; $start=$c; $prev=$p } } close $o;
# ---- verification: simulate the runtime lookups with the emitted tables
sub in_ranges { my ($c, $t) = @_; my ($lo,$hi)=(0,$#$t); while ($lo <= $hi) { my $mid=int(($lo+$hi)/2); if ($c < $t->[$mid][0]) { $hi=$mid-1 } elsif ($c > $t->[$mid][1]) { $lo=$mid+1 } else { return $t->[$mid] } } return undef; }
my $bad=0;
for my $c (0..$MAX) { next if $c >= 0xD800 && $c <= 0xDFFF;
  my $sim;
  if (exists $exc{$c}) { $sim = $exc{$c} }
  elsif ($c < 0x80) { $sim = ($c==0x2D || ($c>=0x30&&$c<=0x39) || ($c>=0x61&&$c<=0x7A)) ? 'P' : 'D' }
  elsif ($gc->[$c] eq 'Cn') { $sim = 'D' }
  elsif ($joinc[$c]) { $sim = 'J' }
  elsif ($cwcf[$c] || in_ranges($c, \@unstable) || $di[$c] || $ws[$c] || $nchar[$c] || ignorable_block($c) || ($c>=0x1100&&$c<=0x11FF) || ($c>=0xA960&&$c<=0xA97F) || ($c>=0xD7B0&&$c<=0xD7FF)) { $sim = 'D' }
  elsif ($letterdigits{$gc->[$c]}) { $sim = 'P' } else { $sim = 'D' }
  my $ex = $prop[$c]; $ex = 'D' if $ex eq 'U';
  if ($sim ne $ex) { $bad++; printf STDERR "prop mismatch %04X sim=%s exact=%s\n", $c, $sim, $ex if $bad < 20; }
}
for my $c (@V) {
  my $r = in_ranges($c, \@bt); my $sim = $r ? $r->[2] : bdefault($c);
  if ($sim ne bgroup($bc->[$c])) { $bad++; printf STDERR "bidi mismatch %04X\n", $c }
  $r = in_ranges($c, \@jtab); $sim = $r ? $r->[2] : jdefault($c); my $ex = jshort($jt->[$c]);
  if ($sim ne $ex) { $bad++; printf STDERR "jt mismatch %04X\n", $c }
  my $v = in_ranges($c, \@vir) ? 1 : 0; if ($v != ($ccc->[$c]==9 ? 1:0)) { $bad++; printf STDERR "virama mismatch %04X\n", $c }
}
print STDERR "mismatches: $bad\n";

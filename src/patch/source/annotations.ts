// Attribute-like macros that expand to nothing or to an attribute (kernel: '__init',
// '__user', 'asmlinkage'; SQLite: 'SQLITE_API', 'SQLITE_PRIVATE'). tree-sitter sees only the
// text, takes them for type names and has to recover from a syntax error, losing the
// definition around them. They are blanked out with spaces before parsing, so every line and
// column stays where it was.

const ANNOTATIONS = [
  // Linux kernel
  '__init', '__exit', '__user', '__rcu', '__iomem', '__percpu', '__must_check', '__always_inline',
  'noinline', 'asmlinkage', '__cold', '__hot', '__maybe_unused', 'notrace', '__sched', '__force',
  '__attribute_const__', '__ref', '__initdata', '__initconst', '__read_mostly', '__ro_after_init',
  '__visible', '__weak', '__noreturn', '__pure', '__latent_entropy', '__kprobes', 'noinstr',
  '__bitwise', '__malloc', '__cacheline_aligned', '__cacheline_aligned_in_smp', '__meminit',
  '__devinit', '__devexit', '__cpuinit', 'fastcall', 'FASTCALL',
  // SQLite
  'SQLITE_API', 'SQLITE_PRIVATE', 'SQLITE_NOINLINE', 'SQLITE_EXTERN', 'SQLITE_WSD',
  'SQLITE_DEPRECATED', 'SQLITE_EXPERIMENTAL', 'SQLITE_STDCALL', 'SQLITE_CDECL', 'SQLITE_SYSAPI',
  'SQLITE_APICALL', 'SQLITE_CALLBACK', 'SQLITE_INLINE', 'SQLITE_NOTUSED',
];

const PATTERN = new RegExp(`(?<![\\w#])(${ANNOTATIONS.join('|')})(?!\\w)`, 'g');

export function blankAnnotations(source: string): string {
  return source.replace(PATTERN, (m) => ' '.repeat(m.length));
}

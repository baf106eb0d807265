import picomatch from 'picomatch';

/**
 * ArgoCD matches `directory.include` / `directory.exclude` and the AppProject lists (`sourceRepos`,
 * `destinations`, resource white/blacklists) with `glob.Match(pattern, text)` from its `util/glob`, i.e.
 * gobwas/glob compiled WITHOUT separators: `*` and `**` match any run of characters (`/` and the empty run
 * included), `?` exactly one character, `[...]` / `[!...]` a class, `{a,b}` alternatives, `\` escapes the
 * next character; everything else (a leading `!`, `+(`, `(`, `|`) is literal.
 *
 * picomatch is a path matcher, so the pattern and the text are adapted the same way before matching:
 * `/` becomes `SEPARATOR_STAND_IN` (so `*` crosses it), both get `LITERAL_PREFIX` in front (so the
 * path rules for the start of a segment, no empty match of `*` and no `.`/`..` match, do not apply), and
 * unescaped `(`, `)`, `|` are escaped (picomatch reads them as regex groups).
 * @see https://argo-cd.readthedocs.io/en/stable/user-guide/directory/#including-excluding-files
 * @see https://github.com/gobwas/glob
 */
const SEPARATOR_STAND_IN = '\u2215';
const LITERAL_PREFIX = '_';

/** picomatch options for gobwas/glob semantics: dots are ordinary characters, no negation, no extglobs. */
const GOBWAS_OPTIONS: picomatch.PicomatchOptions = { dot: true, nonegate: true, noextglob: true, posix: true };

const compiled = new Map<string, (text: string) => boolean>();

/**
 * Compiles an ArgoCD glob into a whole-string matcher (memoized: the AppProject lists are matched
 * against every rendered object). The empty pattern matches only the empty string (the core group `''`).
 */
export function argoGlob(pattern: string): (text: string) => boolean {
  let matcher = compiled.get(pattern);
  if (!matcher) {
    const adapted = pattern.replaceAll('/', SEPARATOR_STAND_IN).replace(/\\.|[()|]/g, (m) => (m.length === 2 ? m : `\\${m}`));
    const match = picomatch(`${LITERAL_PREFIX}${adapted}`, GOBWAS_OPTIONS);
    matcher = (text) => match(`${LITERAL_PREFIX}${text.replaceAll('/', SEPARATOR_STAND_IN)}`);
    compiled.set(pattern, matcher);
  }
  return matcher;
}

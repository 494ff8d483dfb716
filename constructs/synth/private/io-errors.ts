/**
 * Messages for system errors met while reading or writing the output folder: what failed, where,
 * the error, and what to do, in one line and without a stack trace (exit code 3).
 */

const FIXES: Record<string, string> = {
  ENOSPC: 'free space on that file system, then run the synth again',
  EDQUOT: 'free space within your disk quota, then run the synth again',
  EROFS: 'the file system is mounted read-only: remount it writable, or synthesize elsewhere with --outdir DIR',
  EACCES: 'you lack permission there: fix its owner or mode, or synthesize elsewhere with --outdir DIR',
  EPERM: 'the file system refused (an immutable attribute, `chattr -i`?): clear it, or synthesize elsewhere with --outdir DIR',
  EBUSY: 'another synth holds the folder: let it finish',
  EIO: 'the disk reported an error: check it (dmesg), then run the synth again',
  EMFILE: 'too many open files: raise the limit (ulimit -n), then run the synth again',
  ENOTDIR: 'move the file away, or synthesize elsewhere with --outdir DIR',
  ENOENT: 'a folder on the way is missing or was removed meanwhile: run the synth again',
};

const SELF_EXPLAINED = new Set(['NotAFolderError', 'LockBusyError']);

/** Whether `e` is a system error (it has an errno code such as ENOSPC). */
export function isSystemError(e: unknown): e is NodeJS.ErrnoException {
  return e instanceof Error && typeof (e as NodeJS.ErrnoException).code === 'string' && /^E[A-Z0-9]+$/.test((e as NodeJS.ErrnoException).code!);
}

/** `could not write /x/dist: no space left on device (ENOSPC, write /x/.dist-staging/a.yaml); …; fix`. */
export function describeSystemError(e: NodeJS.ErrnoException, doing: string, outcome: string): string {
  const code = e.code ?? 'EIO';
  // Node's message is "CODE: description, syscall 'path'": keep the description
  const description = e.message.replace(/^[A-Z0-9]+: /, '').replace(/, \w+ '.*'$/, '');
  const where = [e.syscall, e.path].filter(Boolean).join(' ');
  // the writer's own errors (a lock held, a file where the folder should be) name their fix already
  if (SELF_EXPLAINED.has(e.name)) return `${doing}: ${description} (${code}); ${outcome}`;
  const fix = FIXES[code] ?? 'fix the cause above, then run the synth again';
  return `${doing}: ${description} (${code}${where ? `, ${where}` : ''}); ${outcome}; ${fix}`;
}

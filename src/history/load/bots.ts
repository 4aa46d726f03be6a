// Recognises mail written by machines (build robots, fuzzers, patchwork and pull-request
// trackers, CI) and automated reports (linux-next merge/build reports), so a history never
// calls a robot a proposer and never counts a build log as someone discussing a function.

export interface AuthoredMail {
  name: string | null;
  email: string | null;
  subject?: string | null;
}

/** Address patterns of known robots, lower-cased. */
const BOT_EMAILS: RegExp[] = [
  /^lkp@intel\.com$/, // the 0-day / kernel test robot
  /^syzbot(\+[\w.-]+)?@syzkaller\.appspotmail\.com$/,
  /^syzbot@/,
  /^(pr-tracker-bot|patchwork-bot(\+[\w.-]+)?|bot|ci|noreply-ci|kernelci|kernelci-results|buildbot)@/,
  /^[\w.+-]*-bot(\+[\w.-]+)?@/,
  /@(kernelci\.org|lists\.01\.org)$/,
  /^(no-?reply|do-not-reply|donotreply)@(github\.com|gitlab\.com|kernel\.org|intel\.com|linaro\.org)$/,
];

/** Display names of robots (matched whole or as a word), lower-cased. */
const BOT_NAMES: RegExp[] = [
  /\b(kernel|kbuild|build) test robot\b/,
  /^syzbot\b/,
  /\b0-?day\b/,
  /\b(patchwork|pr-tracker|patchwork-bot|ci|build|test)[- ]?bot\b/,
  /^kernelci\b/,
  /\bbuildbot\b/,
];

/** Subjects of automated reports, even when a person sends them (linux-next merge reports). */
const REPORT_SUBJECTS: RegExp[] = [
  /^(re:\s*)*linux-next: (build (failure|warning|warnings|error|errors)|manual merge|runtime warning|boot failure)/i,
  // "[kbuild-all] …", "[0day-ci] …"; a patch to kbuild itself ("kbuild: …") is no report.
  /^(re:\s*)*\[(kbuild|0day)[^\]]*\]/i,
  // syzbot's own report; people's replies to it ("Re: [syzbot] …") are people analysing a bug.
  /^\[syzbot\]/i,
  /^(re:\s*)*\[linux-next:/i,
];

/** True when the author is a robot, by address or display name. */
export function isBot(mail: AuthoredMail): boolean {
  const email = (mail.email ?? '').toLowerCase().trim();
  const name = (mail.name ?? '').toLowerCase().trim();
  return (email !== '' && BOT_EMAILS.some((re) => re.test(email)))
    || (name !== '' && BOT_NAMES.some((re) => re.test(name)));
}

/** True for an automated report: written by a robot, or a build/merge report by subject. */
export function isReport(mail: AuthoredMail): boolean {
  return isBot(mail) || REPORT_SUBJECTS.some((re) => re.test(mail.subject ?? ''));
}

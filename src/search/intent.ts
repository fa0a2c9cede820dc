/**
 * Release intent: a query that names a Kubernetes version and at most words for "release" (`1.18 发布`,
 * `Kubernetes 1.29 release`, `v1.20`) asks for that release. Articles are sorted into roles by their title's
 * structure, not by a list: the release announcement (`Kubernetes 1.24: 观星者`, a version and a short theme name),
 * the removals and deprecations article of that version, then the feature posts that name it.
 */

/** Roles, best first for a release query; 0: no role. */
export const ROLE = { none: 0, feature: 1, removals: 2, announcement: 3 } as const;

const VERSION_IN_TITLE = /kubernetes\s*(?:在\s*)?v?(\d{1,2}\.\d{1,2})(?![\d.])(.*)$/i;
/** Words a feature post's title uses after the version; an announcement's theme name has none of them. */
const FEATURE_WORDS =
  /alpha|beta|\bga\b|stable|正式发布|进入|进阶|升级|支持|特性|功能|介绍|简介|引入|改进|更新|中的|api|pod|kube|节点|卷|存储|调度/i;
/**
 * A theme name is a word or two (观星者, Combiner, Fit & Finish, 最新版本): not a sentence (我们现在正在对…签名!) and
 * no API kind or component in CamelCase (StorageClass, RuntimeClass, CPUManager), which names a feature.
 */
const THEME_MAX = 12;
const NOT_A_THEME = /[!?！？。]|[a-z][A-Z]|[A-Z]{2}[a-z]/u;
const REMOVAL_WORDS = /移除|弃用|废弃|removal|removed|deprecat/i;

export interface ReleaseRole {
  version: string;
  role: number;
}

/** The article's role for release queries about the version its title names, if it names one. */
export function releaseRole(title: string, slug: string): ReleaseRole | undefined {
  const m = VERSION_IN_TITLE.exec(title);
  if (!m) return undefined;
  const version = m[1];
  const tail = m[2].trim();
  if (REMOVAL_WORDS.test(title)) return { version, role: ROLE.removals };
  // A gloss in brackets translates the name (Timbernetes（世界树版本）, ハル (Haru)): the name is what is left.
  const theme = /^[:：]\s*(.+)$/
    .exec(tail)?.[1]
    .replace(/\s*[(（][^)）]*[)）]/g, '')
    .trim();
  const announcementSlug = /release(?:-announcement)?$/.test(slug) && slug.includes(version.replace('.', '-'));
  const themeName = !!theme && [...theme].length <= THEME_MAX && !FEATURE_WORDS.test(theme) && !NOT_A_THEME.test(theme);
  if (announcementSlug || themeName) return { version, role: ROLE.announcement };
  return { version, role: ROLE.feature };
}

/** Words that only say "the release of": a query of a version and these asks for the release itself. */
const RELEASE_WORDS = new Set([
  'release',
  'releases',
  'released',
  'announcement',
  'version',
  'kubernetes',
  'k8s',
  // What is new in a release: its announcement lists it, its feature posts tell it.
  'new',
  'whats',
  'feature',
  'features',
  'changes',
  '新特性',
  '新功能',
  '特性',
  '新变化',
  '变化',
  '亮点',
  '发布',
  '版本',
  '新版本',
  '版本发布',
  '发布公告',
  '发行',
  '发行版',
  '公告',
]);

/**
 * The version a query asks the release of, or undefined: `groups` are the texts of the query's word groups (folded),
 * `versions` the version terms among them (1.29 for v1.29).
 */
export function releaseIntent(groups: readonly { text: string; version?: string }[]): string | undefined {
  const versions = new Set(groups.flatMap((g) => (g.version ? [g.version] : [])));
  if (versions.size !== 1) return undefined;
  if (!groups.every((g) => g.version || RELEASE_WORDS.has(g.text))) return undefined;
  return [...versions][0];
}

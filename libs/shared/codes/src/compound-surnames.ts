/**
 * 复姓 — compound surnames, in traditional and simplified characters: a masked name keeps them whole
 * (欧阳**), a name shown in public keeps them before 某 (欧阳某).
 */
export const COMPOUND_SURNAMES: ReadonlySet<string> = new Set(
  (
    '欧阳 欧阳 司马 司马 上官 诸葛 诸葛 东方 东方 皇甫 尉迟 尉迟 公孙 公孙 慕容 长孙 长孙 宇文 司徒 夏侯 ' +
    '轩辕 轩辕 令狐 钟离 钟离 端木 独孤 独孤 南宫 南宫 西门 西门 澹台 澹台 申屠 太叔 濮阳 濮阳 闻人 闻人 ' +
    '万俟 呼延 赫连 赫连 百里 东郭 东郭 拓跋 公冶 宗政 第五 鲜于 鲜于 闾丘 闾丘 左丘 梁丘 淳于 单于 单于'
  ).split(' '),
);

/** How many characters of `name` are its surname: two for a compound one, else one (none if empty). */
export function surnameLength(name: string): number {
  const chars = Array.from(name.trim());
  if (chars.length === 0) return 0;
  return chars.length > 2 && COMPOUND_SURNAMES.has(chars[0]! + chars[1]!) ? 2 : 1;
}

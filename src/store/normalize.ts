/**
 * Search keys for the follower index: names folded so that "nguyen thi lan" finds
 * "Nguyễn Thị Lan" (case, accents and đ/Đ removed), and phones in Zalo's 84xxxxxxxxx form.
 */

/** Lower case, no diacritics, đ → d, runs of spaces and punctuation → one space. */
export function foldName(input: string): string {
  return input
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** The folded words of a query, for "every word occurs" matching. */
export function foldWords(input: string): string[] {
  return foldName(input).split(' ').filter(Boolean);
}

/**
 * A phone query in any Vietnamese form: a whole number (0…, 84…, +84…, with spaces or dots)
 * becomes an exact 84xxxxxxxxx match; a fragment starting with 0 or 84 ("0904") matches the
 * start of the number; other digits (at least 3) match anywhere in it.
 */
export function phoneQuery(input: string): { exact?: string; prefix?: string; contains?: string } | undefined {
  const digits = input.trim().replace(/[\s.\-()]/g, '').replace(/^\+/, '');
  if (!/^\d{3,15}$/.test(digits)) return undefined;
  const national = digits.startsWith('0') ? digits.slice(1) : digits.startsWith('84') ? digits.slice(2) : undefined;
  if (national !== undefined && /^[1-9]\d{8,9}$/.test(national)) return { exact: `84${national}` };
  if (national !== undefined && national.length > 0) return { prefix: `84${national}` };
  return { contains: digits };
}

/** Escape LIKE wildcards (the statements use ESCAPE '\'). */
export function likeEscape(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

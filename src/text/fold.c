/* fold.c - case and accent folding (see fold.h). */
#include "text/fold.h"
#include "text/utf8.h"

#include <stdint.h>
#include <string.h>

/* Base letters of U+00C0..U+017F, lower case; '*' for the ligatures and
 * signs handled apart (Æ æ × ÷ ß Œ œ), '.' for letters kept as they are. */
static const char latin_base[] =
	"aaaaaa*ceeeeiiii"  /* C0-CF: ÀÁÂÃÄÅ Æ Ç ÈÉÊË ÌÍÎÏ */
	"dnooooo*ouuuuy.*"  /* D0-DF: Ð Ñ ÒÓÔÕÖ × Ø ÙÚÛÜ Ý Þ ß */
	"aaaaaa*ceeeeiiii"  /* E0-EF */
	"dnooooo*ouuuuy.y"  /* F0-FF */
	"aaaaaaccccccccdd"  /* 100-10F: Ā..ď */
	"ddeeeeeeeeeegggg"  /* 110-11F: Đ..ğ */
	"gggghhhhiiiiiiii"  /* 120-12F: Ġ..į */
	"ii..jjkkklllllll"  /* 130-13F: İ ı Ĳ ĳ Ĵ..Ŀ */
	"lllnnnnnnn..oooo"  /* 140-14F: ŀ..ŏ */
	"oo**rrrrrrssssss"  /* 150-15F: Ő ő Œ œ Ŕ..ş */
	"ssttttttuuuuuuuu"  /* 160-16F: Š..ů */
	"uuuuwwyyyzzzzzzs"; /* 170-17F: Ű..ſ */ /* 170-17F */

/* Lower-case one code point (ASCII, Latin-1, Latin Extended-A pairs). */
static uint32_t lower_cp(uint32_t cp)
{
	if (cp >= 'A' && cp <= 'Z')
		return cp + 32;
	if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7)
		return cp + 32;
	if (cp == 0x178)
		return 0xFF;
	if (cp >= 0x100 && cp <= 0x17F && cp != 0x130 && cp != 0x131 && cp != 0x138 &&
	    cp != 0x149 && cp != 0x17F) {
		int odd_pairs = (cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E);

		if (odd_pairs ? (cp & 1) : !(cp & 1))
			return cp + 1;
	}
	return cp;
}

/* Append bytes to out if they fit; 0 when they do not. */
static int put(char *out, size_t cap, size_t *len, const char *s, size_t n)
{
	if (*len + n >= cap)
		return 0;
	memcpy(out + *len, s, n);
	*len += n;
	return 1;
}

/* Fold s into out; strip: drop diacritics too. */
static size_t fold(const char *s, size_t n, char *out, size_t cap, int strip)
{
	size_t i = 0, len = 0;

	if (!cap)
		return (size_t)-1;
	while (i < n) {
		uint32_t cp;
		int k = utf8_decode(s + i, n - i, &cp);
		char enc[4];
		int ok;

		if (k <= 0) {
			cp = (unsigned char)s[i];
			k = 1;
		}
		i += (size_t)k;
		cp = lower_cp(cp);
		if (strip && cp >= 0xC0 && cp <= 0x17F && latin_base[cp - 0xC0] == '*') {
			const char *lig = cp == 0xE6 ? "ae" : cp == 0xDF ? "ss" :
				cp == 0x153 ? "oe" : NULL;
			ok = lig ? put(out, cap, &len, lig, 2) :
				put(out, cap, &len, enc, (size_t)utf8_encode(cp, enc));
		} else if (strip && cp >= 0xC0 && cp <= 0x17F && latin_base[cp - 0xC0] != '.') {
			ok = put(out, cap, &len, &latin_base[cp - 0xC0], 1);
		} else {
			ok = put(out, cap, &len, enc, (size_t)utf8_encode(cp, enc));
		}
		if (!ok)
			return (size_t)-1;
	}
	out[len] = '\0';
	return len;
}

size_t fold_lower(const char *s, size_t n, char *out, size_t cap)
{
	return fold(s, n, out, cap, 0);
}

size_t fold_key(const char *s, size_t n, char *out, size_t cap)
{
	return fold(s, n, out, cap, 1);
}

/* settings.h - speech-dispatcher's SET parameters and what they mean for
 * a crieur voice.
 *
 * The server sends, before each message, rate, pitch, pitch_range and
 * volume (-100..100, 0 the voice's own; volume as Debian's sd_espeak-ng
 * maps it: -100 silent, 100 twice the amplitude, eSpeak NG's limit),
 * punctuation_mode (none, some, most, all), spelling_mode (on, off),
 * cap_let_recogn (none, spell, icon), voice (male1..3, female1..3,
 * child_male, child_female), language (a BCP 47 tag: fr, fr-FR, fr-BE,
 * fr-CH, en, en-US...) and synthesis_voice (a name from LIST VOICES);
 * "NULL" resets a string.  Anything else is refused (303). */
#ifndef CRIEUR_SD_SETTINGS_H
#define CRIEUR_SD_SETTINGS_H

#include "speech/voice.h"

enum sd_punct { SD_PUNCT_NONE, SD_PUNCT_SOME, SD_PUNCT_MOST, SD_PUNCT_ALL };
enum sd_cap { SD_CAP_NONE, SD_CAP_SPELL, SD_CAP_ICON };

typedef struct sd_settings {
	int rate, pitch, pitch_range, volume;   /* -100..100 */
	enum sd_punct punct;
	int spelling;                           /* spell every word */
	enum sd_cap cap;
	int female;                             /* voice=female* */
	char language[8];                       /* fr, fr-BE, fr-CH, en; "" */
	char synthesis_voice[64];               /* a crieur voice; "" */
} sd_settings;

/* The defaults: every number 0, punctuation some. */
void sd_settings_init(sd_settings *s);

/* Apply one key=value; 0, or -1 for an unknown key or a bad value (s is
 * then unchanged). */
int sd_settings_set(sd_settings *s, const char *key, const char *value);

/* crieur's language for a BCP 47 tag ("fr-FR" -> "fr", "fr-be" ->
 * "fr-BE", "en-GB" -> "en"), or NULL when crieur does not speak it. */
const char *sd_language(const char *tag);

/* Load the voice the settings choose (synthesis_voice, else the
 * language's voice of the asked gender, else the default fallback
 * voice) and map rate, pitch, pitch_range and volume onto it; *lang gets
 * the text language.  0 or CRIEUR_EVOICE. */
int sd_settings_voice(const sd_settings *s, const char *fallback, voice *v,
		      const char **lang);

#endif

/* wordlist_data.S - the generated word lists (see text/wordlist.h), linked
 * in as they are.  WORDS_FR and WORDS_EN are the paths of the files
 * src/tools/wordlist wrote (the Makefile defines them). */
	.section .rodata
	.balign 16
	.globl crieur_words_fr
crieur_words_fr:
	.incbin WORDS_FR
	.globl crieur_words_fr_end
crieur_words_fr_end:
	.byte 0
	.balign 16
	.globl crieur_words_en
crieur_words_en:
	.incbin WORDS_EN
	.globl crieur_words_en_end
crieur_words_en_end:
	.byte 0
	.section .note.GNU-stack,"",@progbits

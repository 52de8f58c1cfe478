<?xml version="1.0"?>
<lexicon version="1.0" xmlns="http://www.w3.org/2005/01/pronunciation-lexicon" alphabet="x-espeak" xml:lang="fr">
<lexeme><grapheme>KFOR</grapheme><alias>kafor</alias></lexeme>
<lexeme><grapheme>Mot</grapheme><phoneme>m'o</phoneme></lexeme>
</lexicon>

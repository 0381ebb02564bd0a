//! Words that make a question rather than name its topic ("how do I", "如何", "どうすれば",
//! "어떻게", "wie kann ich"), per language, used at query time only.
//!
//! Why: visitors type whole questions, articles state topics. A question's function words are
//! rarely in the article it is after, and where every query word (or most of a CJK run's
//! character pairs) must match, they sink the right article. Nothing here changes the index:
//! the articles keep every word, and a query made only of such words still searches for them
//! (the rule is soft: it applies only where something else is left).
//!
//! CJK text has no spaces, so these are strings found inside a run of characters; the pairs of
//! characters that touch them are left out of the run's clause. Korean puts spaces between
//! words but attaches particles and endings to them ("고침을", "확인하려면"): a known ending is
//! left out of the word, and whole words that only make a question are dropped.

/// Chinese (simplified and traditional): question words, pronouns and particles. Single
/// characters are the ones that almost never start or end a content word of a help text.
const ZH: &[&str] = &[
    "为什么",
    "為什麼",
    "怎么办",
    "怎麼辦",
    "怎么样",
    "怎麼樣",
    "有什么",
    "有什麼",
    "能不能",
    "要怎么",
    "要怎麼",
    "如何",
    "怎么",
    "怎麼",
    "怎样",
    "怎樣",
    "什么",
    "什麼",
    "哪里",
    "哪裡",
    "哪儿",
    "是否",
    "可以",
    "能否",
    "请问",
    "請問",
    "一下",
    "我们",
    "我們",
    "我想",
    "应该",
    "應該",
    "多少",
    "方法",
    "的",
    "吗",
    "嗎",
    "呢",
    "吧",
    "啊",
    "了",
    "我",
    "你",
    "是",
    "在",
    "把",
    "想",
];

/// Japanese: question phrases, polite endings and particles. One-character particles count
/// only after a character that is not hiragana (a noun in kanji or katakana): inside a word
/// written in hiragana they are just letters.
const JA: &[&str] = &[
    "にはどうすればいいですか",
    "どうすればいいですか",
    "のでしょうか",
    "どうすれば",
    "どうやって",
    "どうしたら",
    "どうやったら",
    "どのように",
    "いいですか",
    "できますか",
    "したいです",
    "でしょうか",
    "のですか",
    "んですか",
    "ください",
    "するには",
    "ですか",
    "ますか",
    "ません",
    "したい",
    "すれば",
    "方法",
    "には",
    "です",
    "ます",
    "する",
    "して",
    "した",
    "いい",
];

/// Japanese particles that count only after a character that is not hiragana.
const JA_PARTICLES: &[char] = &['を', 'は', 'が', 'の', 'に', 'で', 'と', 'も', 'へ', 'や'];

/// Korean words that only make a question ("how", "what", "can I", "must I").
const KO_WORDS: &[&str] = &[
    "어떻게",
    "어떻게요",
    "무엇",
    "무엇인가요",
    "뭔가요",
    "뭐죠",
    "뭐예요",
    "뭐에요",
    "왜",
    "방법",
    "방법은",
    "방법이",
    "해야",
    "하나요",
    "합니까",
    "할까요",
    "있나요",
    "있을까요",
    "있어요",
    "있는",
    "있는지",
    "수",
    "알",
    "좀",
    "제",
    "내",
    "저",
    "나",
    "하려면",
    "하면",
    "되나요",
    "돼요",
    "해요",
    "싶어요",
    "얼마나",
    "지금",
    "어디",
    "어디서",
    "언제",
];

/// Korean particles and endings left out at the end of a word, longest first. A
/// one-syllable ending is taken off only a word of three syllables or more.
const KO_ENDINGS: &[&str] = &[
    "하려면",
    "으려면",
    "하나요",
    "할까요",
    "합니까",
    "입니까",
    "하는지",
    "인가요",
    "한가요",
    "되나요",
    "에서는",
    "에서도",
    "으로는",
    "려면",
    "나요",
    "는지",
    "은지",
    "인지",
    "에서",
    "에게",
    "한테",
    "까지",
    "부터",
    "처럼",
    "보다",
    "으로",
    "하는",
    "하기",
    "하게",
    "하면",
    "해야",
    "을",
    "를",
    "이",
    "가",
    "은",
    "는",
    "에",
    "의",
    "도",
    "만",
    "와",
    "과",
    "로",
];

/// Function words of languages with spaces, compared with the folded word as typed (lower
/// case, Latin accents dropped), so no stemmer is needed to read them.
const DE: &[&str] = &[
    "wie", "was", "warum", "wieso", "weshalb", "wo", "wann", "welche", "welcher", "welches", "ich",
    "mein", "meine", "meinen", "meinem", "meiner", "meines", "mich", "mir", "man", "es", "sich",
    "die", "der", "das", "den", "dem", "des", "ein", "eine", "einen", "einem", "einer", "ist",
    "sind", "wird", "werden", "kann", "konnen", "muss", "soll", "zu", "im", "in", "auf", "mit",
    "fur", "von", "und", "oder", "bei", "an", "am", "um", "ins", "zum", "zur", "dass",
];
const FR: &[&str] = &[
    "comment", "pourquoi", "quoi", "quel", "quelle", "quels", "quelles", "ou", "quand", "est",
    "ce", "que", "qu", "je", "j", "me", "m", "mon", "ma", "mes", "on", "le", "la", "les", "l",
    "un", "une", "des", "du", "de", "d", "a", "au", "aux", "et", "en", "dans", "pour", "sur",
    "avec", "puis", "peut", "faire", "il", "se", "s",
];
const ES: &[&str] = &[
    "como", "que", "por", "porque", "cual", "cuales", "donde", "cuando", "puedo", "puede", "se",
    "hago", "hacer", "mi", "mis", "me", "yo", "el", "la", "los", "las", "un", "una", "unos",
    "unas", "de", "del", "al", "a", "en", "y", "o", "con", "para", "es", "lo",
];
const RU: &[&str] = &[
    "как",
    "что",
    "почему",
    "зачем",
    "где",
    "когда",
    "какой",
    "какая",
    "какие",
    "можно",
    "ли",
    "я",
    "мне",
    "меня",
    "мой",
    "моя",
    "мои",
    "моем",
    "в",
    "во",
    "на",
    "с",
    "со",
    "и",
    "или",
    "для",
    "по",
    "к",
    "о",
    "об",
    "из",
    "у",
    "это",
    "не",
];

/// Which table a run of CJK characters is read with.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Script {
    Chinese,
    Japanese,
    Korean,
}

fn is_hiragana(c: char) -> bool {
    ('\u{3041}'..='\u{309F}').contains(&c)
}

fn is_kana(c: char) -> bool {
    is_hiragana(c)
        || ('\u{30A0}'..='\u{30FF}').contains(&c)
        || ('\u{FF66}'..='\u{FF9F}').contains(&c)
}

fn is_hangul(c: char) -> bool {
    matches!(c as u32, 0xAC00..=0xD7AF | 0x1100..=0x11FF | 0x3130..=0x318F)
}

fn script(chars: &[char]) -> Script {
    if chars.iter().any(|&c| is_hangul(c)) {
        Script::Korean
    } else if chars.iter().any(|&c| is_kana(c)) {
        Script::Japanese
    } else {
        Script::Chinese
    }
}

fn starts_with_at(chars: &[char], at: usize, word: &str) -> Option<usize> {
    let mut n = 0;
    for w in word.chars() {
        if chars.get(at + n) != Some(&w) {
            return None;
        }
        n += 1;
    }
    Some(n)
}

/// For each character of a CJK run, whether it belongs to a function word. Korean runs are one
/// word each (Korean has spaces): the whole word, or its ending. May mark every character; the
/// caller then keeps them all.
pub(crate) fn cjk_function_chars(chars: &[char]) -> Vec<bool> {
    let mut marks = vec![false; chars.len()];
    match script(chars) {
        Script::Korean => {
            let word: String = chars.iter().collect();
            if KO_WORDS.contains(&word.as_str()) {
                marks.iter_mut().for_each(|m| *m = true);
                return marks;
            }
            for ending in KO_ENDINGS {
                let len = ending.chars().count();
                let rest = chars.len().saturating_sub(len);
                let enough = if len == 1 { rest >= 2 } else { rest >= 1 };
                if enough && starts_with_at(chars, rest, ending).is_some() {
                    marks[rest..].iter_mut().for_each(|m| *m = true);
                    break;
                }
            }
        }
        s => {
            let table = if s == Script::Japanese { JA } else { ZH };
            let mut at = 0;
            while at < chars.len() {
                // The longest function word starting here.
                let longest = table
                    .iter()
                    .filter_map(|w| starts_with_at(chars, at, w))
                    .max()
                    .or_else(|| {
                        let particle = s == Script::Japanese
                            && JA_PARTICLES.contains(&chars[at])
                            && at > 0
                            && !is_hiragana(chars[at - 1]);
                        particle.then_some(1)
                    });
                match longest {
                    Some(n) => {
                        marks[at..at + n].iter_mut().for_each(|m| *m = true);
                        at += n;
                    }
                    None => at += 1,
                }
            }
        }
    }
    marks
}

/// Whether a one-character CJK token ("吗", Korean "수") is a function word by itself.
pub(crate) fn is_cjk_function_char(c: char) -> bool {
    cjk_function_chars(&[c]) == [true]
}

/// Whether `folded` (a word as typed, folded like the tokenizer folds) is a function word of
/// the language whose primary subtag is `language`.
pub(crate) fn is_function_word(language: &str, folded: &str) -> bool {
    let table: &[&str] = match language {
        "de" => DE,
        "fr" => FR,
        "es" => ES,
        "ru" => RU,
        _ => return false,
    };
    table.contains(&folded)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marked(text: &str) -> String {
        let chars: Vec<char> = text.chars().collect();
        chars
            .iter()
            .zip(cjk_function_chars(&chars))
            .map(|(&c, m)| if m { '_' } else { c })
            .collect()
    }

    #[test]
    fn function_words_are_marked_per_script() {
        let cases = [
            ("如何关闭自动更正", "__关闭自动更正"),
            ("鼠标不动了怎么办", "鼠标不动____"),
            (
                "自動修正をオフにするにはどうすればいいですか",
                "自動修正_オフ_______________",
            ),
            ("ヘッダーとフッター", "ヘッダー_フッター"),
            // Hiragana inside a word is not a particle.
            ("はがき", "はがき"),
            ("고침을", "고침_"),
            ("확인하려면", "확인___"),
            ("어떻게", "___"),
            // A one-syllable ending stays on a two-syllable word.
            ("아이", "아이"),
        ];
        for (text, want) in cases {
            assert_eq!(marked(text), want, "{text}");
        }
    }

    #[test]
    fn spaced_languages_by_folded_word() {
        assert!(is_function_word("de", "wie"));
        assert!(is_function_word("de", "konnen"));
        assert!(!is_function_word("de", "seitenzahl"));
        assert!(!is_function_word("en", "wie"));
        assert!(is_cjk_function_char('吗'));
        assert!(!is_cjk_function_char('表'));
    }
}

//! The widget's words: every visible or announced string, per language, with plural forms
//! chosen by the browser's `Intl.PluralRules`.
//!
//! A table is a list of `(key, text)` pairs. English is complete and is applied first, so a
//! language that lacks a key shows the English text rather than nothing; a site's own
//! `strings` option is applied last. Keys are the camelCase names a site uses to override a
//! string. Templates name their values in braces: `{count}`, `{query}`, `{category}`, `{date}`,
//! `{suggestion}`.

use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = Intl, js_name = PluralRules)]
    type IntlPluralRules;

    #[wasm_bindgen(constructor, js_namespace = Intl, js_class = "PluralRules", catch)]
    fn new(locale: &str) -> Result<IntlPluralRules, JsValue>;

    #[wasm_bindgen(method, js_class = "PluralRules", js_name = select, catch)]
    fn select(this: &IntlPluralRules, n: f64) -> Result<String, JsValue>;
}

/// Declares [`Strings`] with one field per key, and the key → field mapping used by tables and
/// overrides, so a key can never name a field that does not exist.
macro_rules! strings {
    ($($field:ident = $key:literal,)*) => {
        /// Every string of the widget, in one language.
        #[derive(Debug, Clone, PartialEq, Default)]
        pub struct Strings {
            $(pub $field: String,)*
        }

        impl Strings {
            /// Every key, for the docs test and for reporting unknown override keys.
            pub const KEYS: &'static [&'static str] = &[$($key,)*];

            /// Sets the string called `key`; false when there is no such key.
            pub fn set(&mut self, key: &str, value: &str) -> bool {
                match key {
                    $($key => self.$field = value.to_string(),)*
                    _ => return false,
                }
                true
            }
        }
    };
}

strings! {
    placeholder = "placeholder",
    search_label = "searchLabel",
    close = "close",
    loading = "loading",
    error_title = "errorTitle",
    retry = "retry",
    results_one = "resultsOne",
    results_few = "resultsFew",
    results_many = "resultsMany",
    results_other = "resultsOther",
    most_viewed = "mostViewed",
    newest = "newest",
    no_results = "noResults",
    no_results_in = "noResultsIn",
    no_results_hint = "noResultsHint",
    search_all = "searchAll",
    did_you_mean = "didYouMean",
    popular = "popular",
    partial = "partial",
    show_more = "showMore",
    categories_label = "categoriesLabel",
    all = "all",
    sort_label = "sortLabel",
    sort_relevance = "sortRelevance",
    sort_newest = "sortNewest",
    sort_views = "sortViews",
    published = "published",
    updated = "updated",
    views_one = "viewsOne",
    views_few = "viewsFew",
    views_many = "viewsMany",
    views_other = "viewsOther",
    recent = "recent",
    clear_recent = "clearRecent",
    hint_open = "hintOpen",
    hint_move = "hintMove",
    hint_close = "hintClose",
}

const EN: &[(&str, &str)] = &[
    ("placeholder", "Search the help center"),
    ("searchLabel", "Search the help center"),
    ("close", "Close"),
    ("loading", "Loading search…"),
    ("errorTitle", "Search is unavailable:"),
    ("retry", "Retry"),
    ("resultsOne", "{count} result for “{query}”"),
    ("resultsOther", "{count} results for “{query}”"),
    ("mostViewed", "Most viewed articles"),
    ("newest", "Newest articles"),
    ("noResults", "No results for “{query}”"),
    ("noResultsIn", "No results for “{query}” in {category}"),
    (
        "noResultsHint",
        "Check the spelling, or try fewer or more general words.",
    ),
    ("searchAll", "Search all categories"),
    ("didYouMean", "Did you mean {suggestion}?"),
    ("popular", "Popular articles"),
    (
        "partial",
        "No article contains every word; these are the closest matches.",
    ),
    ("showMore", "Show more results"),
    ("categoriesLabel", "Filter by category"),
    ("all", "All"),
    ("sortLabel", "Sort by"),
    ("sortRelevance", "Relevance"),
    ("sortNewest", "Newest"),
    ("sortViews", "Most viewed"),
    ("published", "Published on {date}"),
    ("updated", "Updated on {date}"),
    ("viewsOne", "{count} view"),
    ("viewsOther", "{count} views"),
    ("recent", "Recent searches"),
    ("clearRecent", "Clear"),
    ("hintOpen", "to open"),
    ("hintMove", "to move"),
    ("hintClose", "to close"),
];

const DE: &[(&str, &str)] = &[
    ("placeholder", "Hilfe-Center durchsuchen"),
    ("searchLabel", "Hilfe-Center durchsuchen"),
    ("close", "Schließen"),
    ("loading", "Suche wird geladen …"),
    ("errorTitle", "Die Suche ist nicht verfügbar:"),
    ("retry", "Erneut versuchen"),
    ("resultsOne", "{count} Ergebnis für „{query}“"),
    ("resultsOther", "{count} Ergebnisse für „{query}“"),
    ("mostViewed", "Meistgelesene Artikel"),
    ("newest", "Neueste Artikel"),
    ("noResults", "Keine Ergebnisse für „{query}“"),
    (
        "noResultsIn",
        "Keine Ergebnisse für „{query}“ in {category}",
    ),
    (
        "noResultsHint",
        "Prüfen Sie die Schreibweise oder versuchen Sie es mit weniger oder allgemeineren Wörtern.",
    ),
    ("searchAll", "In allen Kategorien suchen"),
    ("didYouMean", "Meinten Sie {suggestion}?"),
    ("popular", "Beliebte Artikel"),
    (
        "partial",
        "Kein Artikel enthält alle Wörter; dies sind die ähnlichsten Treffer.",
    ),
    ("showMore", "Weitere Ergebnisse anzeigen"),
    ("categoriesLabel", "Nach Kategorie filtern"),
    ("all", "Alle"),
    ("sortLabel", "Sortieren nach"),
    ("sortRelevance", "Relevanz"),
    ("sortNewest", "Neueste"),
    ("sortViews", "Meistgelesen"),
    ("published", "Veröffentlicht am {date}"),
    ("updated", "Aktualisiert am {date}"),
    ("viewsOne", "{count} Aufruf"),
    ("viewsOther", "{count} Aufrufe"),
    ("recent", "Letzte Suchen"),
    ("clearRecent", "Löschen"),
    ("hintOpen", "zum Öffnen"),
    ("hintMove", "zum Navigieren"),
    ("hintClose", "zum Schließen"),
];

// French typography: no-break spaces inside guillemets and before ? : ;
const FR: &[(&str, &str)] = &[
    ("placeholder", "Rechercher dans le centre d’aide"),
    ("searchLabel", "Rechercher dans le centre d’aide"),
    ("close", "Fermer"),
    ("loading", "Chargement de la recherche…"),
    ("errorTitle", "La recherche est indisponible\u{a0}:"),
    ("retry", "Réessayer"),
    ("resultsOne", "{count} résultat pour «\u{a0}{query}\u{a0}»"),
    (
        "resultsOther",
        "{count} résultats pour «\u{a0}{query}\u{a0}»",
    ),
    ("mostViewed", "Articles les plus consultés"),
    ("newest", "Articles les plus récents"),
    ("noResults", "Aucun résultat pour «\u{a0}{query}\u{a0}»"),
    (
        "noResultsIn",
        "Aucun résultat pour «\u{a0}{query}\u{a0}» dans {category}",
    ),
    (
        "noResultsHint",
        "Vérifiez l’orthographe, ou essayez des mots moins nombreux ou plus généraux.",
    ),
    ("searchAll", "Rechercher dans toutes les catégories"),
    ("didYouMean", "Vouliez-vous dire {suggestion}\u{a0}?"),
    ("popular", "Articles populaires"),
    (
        "partial",
        "Aucun article ne contient tous les mots\u{a0}; voici les plus proches.",
    ),
    ("showMore", "Afficher plus de résultats"),
    ("categoriesLabel", "Filtrer par catégorie"),
    ("all", "Tout"),
    ("sortLabel", "Trier par"),
    ("sortRelevance", "Pertinence"),
    ("sortNewest", "Plus récents"),
    ("sortViews", "Plus consultés"),
    ("published", "Publié le {date}"),
    ("updated", "Mis à jour le {date}"),
    ("viewsOne", "{count} vue"),
    ("viewsOther", "{count} vues"),
    ("recent", "Recherches récentes"),
    ("clearRecent", "Effacer"),
    ("hintOpen", "pour ouvrir"),
    ("hintMove", "pour naviguer"),
    ("hintClose", "pour fermer"),
];

const ES: &[(&str, &str)] = &[
    ("placeholder", "Buscar en el centro de ayuda"),
    ("searchLabel", "Buscar en el centro de ayuda"),
    ("close", "Cerrar"),
    ("loading", "Cargando la búsqueda…"),
    ("errorTitle", "La búsqueda no está disponible:"),
    ("retry", "Reintentar"),
    ("resultsOne", "{count} resultado para «{query}»"),
    ("resultsOther", "{count} resultados para «{query}»"),
    ("mostViewed", "Artículos más vistos"),
    ("newest", "Artículos más recientes"),
    ("noResults", "No hay resultados para «{query}»"),
    (
        "noResultsIn",
        "No hay resultados para «{query}» en {category}",
    ),
    (
        "noResultsHint",
        "Revisa la ortografía o prueba con menos palabras o con palabras más generales.",
    ),
    ("searchAll", "Buscar en todas las categorías"),
    ("didYouMean", "¿Quisiste decir {suggestion}?"),
    ("popular", "Artículos populares"),
    (
        "partial",
        "Ningún artículo contiene todas las palabras; estos son los más parecidos.",
    ),
    ("showMore", "Mostrar más resultados"),
    ("categoriesLabel", "Filtrar por categoría"),
    ("all", "Todo"),
    ("sortLabel", "Ordenar por"),
    ("sortRelevance", "Relevancia"),
    ("sortNewest", "Más recientes"),
    ("sortViews", "Más vistos"),
    ("published", "Publicado el {date}"),
    ("updated", "Actualizado el {date}"),
    ("viewsOne", "{count} visita"),
    ("viewsOther", "{count} visitas"),
    ("recent", "Búsquedas recientes"),
    ("clearRecent", "Borrar"),
    ("hintOpen", "para abrir"),
    ("hintMove", "para moverte"),
    ("hintClose", "para cerrar"),
];

// Russian counts have four forms: 1 результат, 2 результата, 5 результатов, 1,5 результата.
const RU: &[(&str, &str)] = &[
    ("placeholder", "Поиск по справочному центру"),
    ("searchLabel", "Поиск по справочному центру"),
    ("close", "Закрыть"),
    ("loading", "Загрузка поиска…"),
    ("errorTitle", "Поиск недоступен:"),
    ("retry", "Повторить"),
    ("resultsOne", "{count} результат по запросу «{query}»"),
    ("resultsFew", "{count} результата по запросу «{query}»"),
    ("resultsMany", "{count} результатов по запросу «{query}»"),
    ("resultsOther", "{count} результата по запросу «{query}»"),
    ("mostViewed", "Самые читаемые статьи"),
    ("newest", "Новые статьи"),
    ("noResults", "По запросу «{query}» ничего не найдено"),
    (
        "noResultsIn",
        "По запросу «{query}» в разделе «{category}» ничего не найдено",
    ),
    (
        "noResultsHint",
        "Проверьте написание или попробуйте запрос покороче или пообщее.",
    ),
    ("searchAll", "Искать во всех разделах"),
    ("didYouMean", "Возможно, вы имели в виду {suggestion}?"),
    ("popular", "Популярные статьи"),
    (
        "partial",
        "Ни одна статья не содержит всех слов; вот самые близкие.",
    ),
    ("showMore", "Показать ещё"),
    ("categoriesLabel", "Фильтр по разделам"),
    ("all", "Все"),
    ("sortLabel", "Сортировка"),
    ("sortRelevance", "По релевантности"),
    ("sortNewest", "Сначала новые"),
    ("sortViews", "По просмотрам"),
    ("published", "Опубликовано {date}"),
    ("updated", "Обновлено {date}"),
    ("viewsOne", "{count} просмотр"),
    ("viewsFew", "{count} просмотра"),
    ("viewsMany", "{count} просмотров"),
    ("viewsOther", "{count} просмотра"),
    ("recent", "Недавние запросы"),
    ("clearRecent", "Очистить"),
    ("hintOpen", "открыть"),
    ("hintMove", "перейти"),
    ("hintClose", "закрыть"),
];

const ZH_CN: &[(&str, &str)] = &[
    ("placeholder", "搜索帮助中心"),
    ("searchLabel", "搜索帮助中心"),
    ("close", "关闭"),
    ("loading", "正在加载搜索…"),
    ("errorTitle", "搜索暂不可用："),
    ("retry", "重试"),
    ("resultsOther", "找到 {count} 条与“{query}”相关的结果"),
    ("mostViewed", "浏览最多的文章"),
    ("newest", "最新文章"),
    ("noResults", "没有找到与“{query}”相关的结果"),
    (
        "noResultsIn",
        "在“{category}”中没有找到与“{query}”相关的结果",
    ),
    ("noResultsHint", "请检查拼写，或尝试更少、更通用的关键词。"),
    ("searchAll", "搜索全部分类"),
    ("didYouMean", "您是不是要找：{suggestion}？"),
    ("popular", "热门文章"),
    ("partial", "没有文章包含全部关键词，以下是最接近的结果。"),
    ("showMore", "显示更多结果"),
    ("categoriesLabel", "按分类筛选"),
    ("all", "全部"),
    ("sortLabel", "排序方式"),
    ("sortRelevance", "相关度"),
    ("sortNewest", "最新"),
    ("sortViews", "浏览最多"),
    ("published", "发布于 {date}"),
    ("updated", "更新于 {date}"),
    ("viewsOther", "{count} 次浏览"),
    ("recent", "最近搜索"),
    ("clearRecent", "清除"),
    ("hintOpen", "打开"),
    ("hintMove", "移动"),
    ("hintClose", "关闭"),
];

const JA: &[(&str, &str)] = &[
    ("placeholder", "ヘルプセンターを検索"),
    ("searchLabel", "ヘルプセンターを検索"),
    ("close", "閉じる"),
    ("loading", "検索を読み込んでいます…"),
    ("errorTitle", "検索を利用できません："),
    ("retry", "再試行"),
    ("resultsOther", "「{query}」の検索結果：{count} 件"),
    ("mostViewed", "よく読まれている記事"),
    ("newest", "新着記事"),
    ("noResults", "「{query}」に一致する結果はありません"),
    (
        "noResultsIn",
        "「{category}」に「{query}」に一致する結果はありません",
    ),
    (
        "noResultsHint",
        "つづりを確認するか、キーワードを減らすか、より一般的な言葉でお試しください。",
    ),
    ("searchAll", "すべてのカテゴリを検索"),
    ("didYouMean", "もしかして：{suggestion}"),
    ("popular", "人気の記事"),
    (
        "partial",
        "すべての語を含む記事はありません。最も近い結果を表示しています。",
    ),
    ("showMore", "さらに表示"),
    ("categoriesLabel", "カテゴリで絞り込む"),
    ("all", "すべて"),
    ("sortLabel", "並べ替え"),
    ("sortRelevance", "関連度"),
    ("sortNewest", "新しい順"),
    ("sortViews", "閲覧数順"),
    ("published", "公開日：{date}"),
    ("updated", "更新日：{date}"),
    ("viewsOther", "{count} 回閲覧"),
    ("recent", "最近の検索"),
    ("clearRecent", "消去"),
    ("hintOpen", "開く"),
    ("hintMove", "移動"),
    ("hintClose", "閉じる"),
];

const KO: &[(&str, &str)] = &[
    ("placeholder", "고객센터 검색"),
    ("searchLabel", "고객센터 검색"),
    ("close", "닫기"),
    ("loading", "검색을 불러오는 중…"),
    ("errorTitle", "검색을 사용할 수 없습니다:"),
    ("retry", "다시 시도"),
    ("resultsOther", "‘{query}’ 검색 결과 {count}건"),
    ("mostViewed", "가장 많이 본 글"),
    ("newest", "최신 글"),
    ("noResults", "‘{query}’에 대한 검색 결과가 없습니다"),
    (
        "noResultsIn",
        "‘{category}’에서 ‘{query}’에 대한 검색 결과가 없습니다",
    ),
    (
        "noResultsHint",
        "맞춤법을 확인하거나 더 적은 단어, 더 일반적인 단어로 검색해 보세요.",
    ),
    ("searchAll", "모든 카테고리에서 검색"),
    ("didYouMean", "혹시 {suggestion}을(를) 찾으셨나요?"),
    ("popular", "인기 글"),
    (
        "partial",
        "모든 단어가 들어 있는 글이 없어 가장 가까운 결과를 보여 드립니다.",
    ),
    ("showMore", "결과 더 보기"),
    ("categoriesLabel", "카테고리별 필터"),
    ("all", "전체"),
    ("sortLabel", "정렬"),
    ("sortRelevance", "관련도순"),
    ("sortNewest", "최신순"),
    ("sortViews", "조회수순"),
    ("published", "게시일 {date}"),
    ("updated", "수정일 {date}"),
    ("viewsOther", "조회 {count}회"),
    ("recent", "최근 검색어"),
    ("clearRecent", "지우기"),
    ("hintOpen", "열기"),
    ("hintMove", "이동"),
    ("hintClose", "닫기"),
];

/// The languages with a table, by the tag they are picked with.
const TABLES: &[(&str, &[(&str, &str)])] = &[
    ("en", EN),
    ("zh-CN", ZH_CN),
    ("ja", JA),
    ("ko", KO),
    ("de", DE),
    ("fr", FR),
    ("es", ES),
    ("ru", RU),
];

/// The table tag for a BCP 47 `locale`: an exact match (case-insensitive), then the language
/// alone (`de-AT` → `de`), then the first table of that language (`zh-TW` → `zh-CN`). `None`
/// when no table fits.
pub fn table_tag(locale: &str) -> Option<&'static str> {
    let locale = locale.trim().replace('_', "-");
    if locale.is_empty() {
        return None;
    }
    let language = locale.split('-').next().unwrap_or_default();
    TABLES
        .iter()
        .map(|(tag, _)| *tag)
        .find(|tag| tag.eq_ignore_ascii_case(&locale))
        .or_else(|| {
            TABLES.iter().map(|(tag, _)| *tag).find(|tag| {
                tag.split('-')
                    .next()
                    .is_some_and(|l| l.eq_ignore_ascii_case(language))
            })
        })
}

/// The language the widget speaks for `locale`: the locale itself when there is a table for
/// it, English otherwise (for the root's `lang`, so screen readers pronounce it right).
pub fn ui_language(locale: &str) -> String {
    match table_tag(locale) {
        Some(_) => locale.trim().replace('_', "-"),
        None => "en".to_string(),
    }
}

impl Strings {
    /// The strings for `locale` (falling back to English), with English filling any gap.
    pub fn for_locale(locale: &str) -> Strings {
        let mut strings = Strings::default();
        for (key, value) in EN {
            strings.set(key, value);
        }
        if let Some(tag) = table_tag(locale) {
            if let Some((_, table)) = TABLES.iter().find(|(t, _)| *t == tag) {
                for (key, value) in table.iter() {
                    strings.set(key, value);
                }
            }
        }
        strings
    }

    /// Applies a site's overrides; returns the keys that name no string, for a warning.
    pub fn apply<'a>(
        &mut self,
        overrides: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Vec<String> {
        overrides
            .into_iter()
            .filter(|(key, value)| !self.set(key, value))
            .map(|(key, _)| key.to_string())
            .collect()
    }
}

/// The CLDR plural category of a count in one locale: "one", "few", "many" or "other" (the
/// categories our languages use; "zero" and "two" count as "other").
pub struct Plurals {
    rules: Option<IntlPluralRules>,
}

impl Plurals {
    pub fn new(locale: &str) -> Plurals {
        let rules = IntlPluralRules::new(locale)
            .or_else(|_| IntlPluralRules::new("en"))
            .ok();
        Plurals { rules }
    }

    /// The template for `n` among `one`, `few`, `many` and `other`; an empty form falls back
    /// to `other`. Without `Intl`, English rules.
    pub fn pick<'a>(
        &self,
        n: u64,
        one: &'a str,
        few: &'a str,
        many: &'a str,
        other: &'a str,
    ) -> &'a str {
        let category = match &self.rules {
            Some(rules) => rules
                .select(n as f64)
                .unwrap_or_else(|_| "other".to_string()),
            None if n == 1 => "one".to_string(),
            None => "other".to_string(),
        };
        let form = match category.as_str() {
            "one" => one,
            "few" => few,
            "many" => many,
            _ => other,
        };
        if form.is_empty() {
            other
        } else {
            form
        }
    }
}

/// Fills `{name}` placeholders in `template`. Values are inserted once, so a value that itself
/// contains braces (a query like `{count}`) is never expanded again.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                let name = &after[..close];
                match values.iter().find(|(n, _)| *n == name) {
                    Some((_, value)) => out.push_str(value),
                    None => {
                        out.push('{');
                        out.push_str(name);
                        out.push('}');
                    }
                }
                rest = &after[close + 1..];
            }
            None => {
                out.push_str(&rest[open..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// Splits a template around one placeholder, for putting an element (a button) in its place:
/// `"Did you mean {suggestion}?"` → `("Did you mean ", "?")`. Without the placeholder, the
/// whole template comes first.
pub fn split_at<'a>(template: &'a str, name: &str) -> (&'a str, &'a str) {
    let needle = format!("{{{name}}}");
    match template.find(&needle) {
        Some(at) => (&template[..at], &template[at + needle.len()..]),
        None => (template, ""),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_is_complete() {
        let en = Strings::for_locale("en");
        for key in Strings::KEYS {
            let optional = key.ends_with("Few") || key.ends_with("Many");
            let has = EN.iter().any(|(k, _)| k == key);
            assert!(has || optional, "English lacks {key}");
        }
        assert_eq!(en.placeholder, "Search the help center");
    }

    #[test]
    fn every_table_key_exists() {
        for (tag, table) in TABLES {
            let mut s = Strings::default();
            for (key, value) in table.iter() {
                assert!(s.set(key, value), "{tag}: unknown key {key}");
            }
        }
    }

    #[test]
    fn every_language_is_complete() {
        for (tag, table) in TABLES {
            for key in Strings::KEYS {
                // Plural forms a language does not have fall back to "other".
                let optional =
                    key.ends_with("Few") || key.ends_with("Many") || key.ends_with("One");
                assert!(
                    optional || table.iter().any(|(k, _)| k == key),
                    "{tag} lacks {key}"
                );
            }
            let placeholders = |text: &str| {
                let mut names: Vec<String> = text
                    .split('{')
                    .skip(1)
                    .filter_map(|rest| rest.split_once('}').map(|(name, _)| name.to_string()))
                    .collect();
                names.sort();
                names
            };
            for (key, text) in table.iter() {
                // A plural form is compared with English "other" (English has no "few").
                let english_key = ["Few", "Many"]
                    .iter()
                    .find_map(|form| key.strip_suffix(form))
                    .map_or(key.to_string(), |base| format!("{base}Other"));
                let english = EN
                    .iter()
                    .find(|(k, _)| *k == english_key)
                    .map(|(_, t)| *t)
                    .unwrap_or_default();
                assert_eq!(
                    placeholders(text),
                    placeholders(english),
                    "{tag}.{key} keeps the placeholders"
                );
            }
        }
    }

    #[test]
    fn locale_matching() {
        assert_eq!(table_tag("en-GB"), Some("en"));
        assert_eq!(table_tag("EN"), Some("en"));
        assert_eq!(table_tag("zh-CN"), Some("zh-CN"));
        assert_eq!(table_tag("zh_cn"), Some("zh-CN"));
        assert_eq!(
            table_tag("zh-TW"),
            Some("zh-CN"),
            "the same language beats English"
        );
        assert_eq!(table_tag("de-AT"), Some("de"));
        assert_eq!(table_tag("pt-BR"), None);
        assert_eq!(table_tag(""), None);
        assert_eq!(table_tag("xx"), None);
        assert_eq!(Strings::for_locale("xx-YY"), Strings::for_locale("en"));
        assert_eq!(
            Strings::for_locale("ja").search_all,
            "すべてのカテゴリを検索"
        );
        assert_eq!(
            Strings::for_locale("ru").results_many,
            "{count} результатов по запросу «{query}»"
        );
    }

    #[test]
    fn overrides_apply_and_unknown_keys_are_reported() {
        let mut s = Strings::for_locale("en");
        let unknown = s.apply([("placeholder", "Ask us"), ("nope", "x")]);
        assert_eq!(s.placeholder, "Ask us");
        assert_eq!(unknown, vec!["nope".to_string()]);
    }

    #[test]
    fn fill_replaces_each_placeholder_once() {
        assert_eq!(
            fill(
                "{count} results for “{query}”",
                &[("count", "3"), ("query", "{count}")]
            ),
            "3 results for “{count}”"
        );
        assert_eq!(fill("a {missing} b {", &[]), "a {missing} b {");
        assert_eq!(
            split_at("Did you mean {suggestion}?", "suggestion"),
            ("Did you mean ", "?")
        );
        assert_eq!(
            split_at("no placeholder", "suggestion"),
            ("no placeholder", "")
        );
    }
}

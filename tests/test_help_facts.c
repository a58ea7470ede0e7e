/* The help names facts and concrete checks correctly, in German and
 * English (issue 11), and the about page keeps the source's structure:
 * its lead-ins, "Link:" footnotes, the titles and addresses the catalogue
 * adds marked as added, the kept typing errors said.  Each needle is
 * looked for with runs of white space squashed, as the text is wrapped. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clitest.h"

static int setup(void **state)
{
    return cx_setup(state, NULL);
}

static int teardown(void **state)
{
    return cx_teardown(state);
}

struct want {
    const char *lang, *page;   /* page: a question's number, or "about" */
    const char *needle;
};

static void expect_all(struct cx *c, const struct want *w, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        struct tu_run r;
        RUN(c, &r, NULL, "--lang", w[i].lang, "help", w[i].page);
        EXPECT_STATUS(&r, 0);
        if (!contains_squashed(r.out, w[i].needle)) {
            print_error("help %s (%s) lacks \"%s\":\n%s\n", w[i].page, w[i].lang, w[i].needle, r.out);
            fail();
        }
        run_free(&r);
    }
}

/* The facts the issue corrected, each in both languages. */
static void test_facts_corrected(void **state)
{
    static const struct want w[] = {
        { "en", "10", "Data Security Law (adopted on 10 June 2021, in force since 1 September 2021)" },
        { "en", "10", "Personal Information Protection Law (adopted on 20 August 2021, in force since 1 November 2021)" },
        { "en", "10", "its “Datenschutzgesetz (2021)” most likely means the Data Security Law" },
        { "de", "10", "Datensicherheitsgesetz (Data Security Law, verabschiedet am 10. Juni 2021, in Kraft seit 1. September 2021)" },
        { "de", "10", "höchstwahrscheinlich das Datensicherheitsgesetz gemeint" },
        { "en", "7", "“Datenschutzgesetz (2021)” – most likely the Data Security Law" },
        { "de", "7", "gemeint ist höchstwahrscheinlich das Datensicherheitsgesetz" },
        { "en", "11", "the National Intelligence Law of 2017, whose Article 7 obliges organisations and citizens" },
        { "de", "11", "National Intelligence Law von 2017, dessen Art. 7" },
        { "en", "1", "the Council Recommendation of 23 May 2024 on enhancing research security (C/2024/3510" },
        { "de", "1", "die Empfehlung des Rates der EU vom 23. Mai 2024 zur Verbesserung der Forschungssicherheit (C/2024/3510" },
        { "en", "15", "The Council Recommendation of 23 May 2024 on enhancing research security shows" },
        { "en", "6", "Which political and economic functions does the partner – the person or the institution – perform?" },
        { "en", "about", "Since 6 May 2025 the ministry is the Federal Ministry of Research, Technology and Space" },
        { "de", "about", "Seit dem 6. Mai 2025 heißt das Ministerium Bundesministerium für Forschung, Technologie und Raumfahrt (BMFTR)" },
    };
    expect_all(*state, w, sizeof(w) / sizeof(*w));
}

/* The checks the help names, so that a researcher knows the next step. */
static void test_checks_named(void **state)
{
    static const struct want w[] = {
        { "en", "9", "China Defence Universities Tracker" },
        { "en", "9", "Harbin Institute of Technology and Harbin Engineering University were added with effect from 5 June 2020" },
        { "de", "9", "Consolidated Screening List" },
        { "en", "6", "1260H" },
        { "en", "14", "“subject to the EAR”" },
        { "en", "14", "US funding alone does not, as a rule, make your results subject to the EAR" },
        { "de", "14", "Entity List" },
        { "en", "12", "Regulation (EU) 2021/821" },
        { "en", "12", "“Nullbescheid” (a notice that no licence is needed)" },
        { "de", "12", "Nullbescheid" },
        { "en", "13", "Recommendation (EU) 2024/2659 of 11 October 2024" },
        { "de", "13", "Artikel 5 der Verordnung (EU) 2021/821" },
        { "en", "9", "advanced semiconductors, artificial intelligence, quantum technologies and biotechnologies" },
        { "en", "2", "does not measure the state of research" },
        { "en", "15", "section 10632" },
        { "en", "15", "section 10634" },
        { "de", "15", "foreign entity of concern" },
        { "en", "5", "“Made in China 2025” is an action plan published by China's State Council in May 2015" },
        { "de", "5", "beweist wenig" },
        { "en", "17", "Since 1 July 2023 China's amended Anti-Espionage (Counter-Espionage) Law has been in force" },
        { "en", "17", "Chapter V of the GDPR applies" },
        { "de", "18", "nicht als Verdächtige" },
        { "en", "19", "National Platform for Research Security" },
    };
    expect_all(*state, w, sizeof(w) / sizeof(*w));
}

/* The about page in the source's order and words. */
static void test_about_follows_the_source(void **state)
{
    static const struct want w[] = {
        { "de", "about", "¹ Link: https://www.auswaertiges-amt.de/" },
        { "de", "about", "(China-Strategie der Bundesregierung (2023); Titel von coopcheck ergänzt)" },
        { "de", "about", "Weitere hilfreiche Informationen zu diesem Themenkomplex finden Sie hier:" },
        { "de", "about", "https://researchsecurity.org/resources/ Das CRSI bietet auch Due Diligence-Dienstleistungen an." },
        { "de", "about", "Weiterführende Quellen/Ressourcen (Auswahl):" },
        { "de", "about", "(Adresse ergänzt)" },
        { "de", "about", "„Forschungs Kooperationen“ [sic]" },
        { "de", "about", "„Wissenschaft- und Wirtschaftsstandort“ [sic] in Frage 3" },
        { "en", "about", "Further sources/resources (a selection):" },
        { "en", "about", "(address added)" },
        { "en", "about", "(no address in the document)" },
        { "en", "about", "“Forschungs Kooperationen” [sic]" },
        { "en", "about", "title added by coopcheck" },
        /* a question's references mark added addresses as the about page does */
        { "en", "1", "https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=OJ:L_202302113 (address added)" },
    };
    struct cx *c = *state;
    struct tu_run r;
    const char *further, *purpose, *list;
    expect_all(c, w, sizeof(w) / sizeof(*w));
    /* the note's list before the purpose, the source's list of resources after it */
    RUN(c, &r, NULL, "--lang", "de", "help", "about");
    further = strstr(r.out, "Weitere hilfreiche Informationen");
    purpose = strstr(r.out, "Der nachfolgende Fragenkatalog");
    list = strstr(r.out, "Weiterführende Quellen/Ressourcen (Auswahl):");
    assert_non_null(further);
    assert_non_null(purpose);
    assert_non_null(list);
    assert_true(further < purpose && purpose < list);
    run_free(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_facts_corrected, setup, teardown),
        cmocka_unit_test_setup_teardown(test_checks_named, setup, teardown),
        cmocka_unit_test_setup_teardown(test_about_follows_the_source, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/* Tests of markup: text made safe for roff, HTML and Markdown. */
#include <stdlib.h>
#include <string.h>

#include "markup.h"
#include "testutil.h"

static char *escaped(void (*fn)(struct sbuf *, const char *), const char *s)
{
    struct sbuf sb;
    sbuf_init(&sb);
    fn(&sb, s);
    return sbuf_detach(&sb, NULL);
}


static void test_roff_escape_helper(void **state)
{
    char *s;
    (void)state;
    s = escaped(roff_escape, ".so /etc/passwd \\fB x");
    assert_string_equal(s, "\\&.so /etc/passwd \\efB x");
    free(s);
    s = escaped(roff_escape, "'\\\" c");
    assert_string_equal(s, "\\&'\\e\" c");
    free(s);
    s = escaped(roff_escape, "a\nb\x1b");   /* one paragraph: no line break */
    assert_string_equal(s, "a\\ex0ab\\ex1b");
    free(s);
    s = escaped(roff_escape, "M\xc3\xbcller");
    assert_string_equal(s, "M\xc3\xbcller");
    free(s);
}

static void test_html_escape_helper(void **state)
{
    char *s;
    (void)state;
    s = escaped(html_escape, "<a href='x'>\"&amp;\"</a>");
    assert_string_equal(s, "&lt;a href=&#39;x&#39;&gt;&quot;&amp;amp;&quot;&lt;/a&gt;");
    free(s);
    s = escaped(html_escape, "\x1b[1m\xe2\x80\xae");
    assert_string_equal(s, "\\x1b[1m&lt;U+202E&gt;");
    free(s);
}

static void test_md_escape_helper(void **state)
{
    char *s;
    (void)state;
    s = escaped(md_escape, "**bold** [link](http://x) `c` <b> a_b | ~ &amp; #");
    assert_string_equal(s, "\\*\\*bold\\*\\* \\[link\\](http://x) \\`c\\` \\<b\\> a\\_b \\| \\~ "
                           "\\&amp; \\#");
    free(s);
    s = escaped(md_escape, "- item\n+ item\n1. one\n12) two\n=== \n  # h\nok 1. no");
    assert_string_equal(s, "\\- item\\\n\\+ item\\\n1\\. one\\\n12\\) two\\\n\\===\\\n\\# h\\\n"
                           "ok 1. no");
    free(s);
    s = escaped(md_escape, "back\\slash\x1b");
    assert_string_equal(s, "back\\\\slash\\\\x1b");
    free(s);
}

static void test_roff_arg_and_macro(void **state)
{
    struct sbuf sb;
    char *s;
    (void)state;
    s = escaped(roff_arg, "say \"hi\" \\ .x");
    assert_string_equal(s, "\"say \\(dqhi\\(dq \\e .x\"");
    free(s);
    /* no line-start guard inside quotes, no line break */
    s = escaped(roff_arg, ".so x\ny");
    assert_string_equal(s, "\".so x\\ex0ay\"");
    free(s);
    sbuf_init(&sb);
    roff_macro(&sb, "SS", "The \"list\"");
    roff_line(&sb, ".TH x");
    assert_string_equal(sb.buf, ".SS \"The \\(dqlist\\(dq\"\n\\&.TH x\n");
    sbuf_release(&sb);
}

static void test_roff_text(void **state)
{
    struct sbuf sb;
    (void)state;
    sbuf_init(&sb);
    roff_text(&sb, "\n\none\n.two  \n\n\nthree\n\n", NULL, NULL);
    assert_string_equal(sb.buf, "one\n.br\n\\&.two\n.sp 2\nthree\n");
    sbuf_release(&sb);
    sbuf_init(&sb);
    roff_text(&sb, "", "\\fI", "\\fP");
    assert_string_equal(sb.buf, "\\fI-\\fP\n");
    sbuf_release(&sb);
}

static void test_html_and_md_blocks(void **state)
{
    struct sbuf sb;
    (void)state;
    sbuf_init(&sb);
    html_text(&sb, "a<b\n\nc  ");
    assert_string_equal(sb.buf, "a&lt;b<br>\n<br>\nc");
    sbuf_release(&sb);
    sbuf_init(&sb);
    html_inline(&sb, "a\nb");
    assert_string_equal(sb.buf, "a\\x0ab");
    sbuf_release(&sb);
    sbuf_init(&sb);
    md_text(&sb, "one\n- two", "  ");
    assert_string_equal(sb.buf, "one\\\n  \\- two");
    sbuf_release(&sb);
    sbuf_init(&sb);
    md_inline(&sb, "# a\tb");
    assert_string_equal(sb.buf, "\\# a    b");
    sbuf_release(&sb);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_roff_escape_helper),
        cmocka_unit_test(test_html_escape_helper),
        cmocka_unit_test(test_md_escape_helper),
        cmocka_unit_test(test_roff_arg_and_macro),
        cmocka_unit_test(test_roff_text),
        cmocka_unit_test(test_html_and_md_blocks),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

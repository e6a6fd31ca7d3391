/* test-search.c — hs-search: folding, the index, queries, ranking, snippets
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "hs-library.h"
#include "hs-search.h"
#include "hs-search-fts.h"
#include "hs-utils.h"
#include "hs-test-fixtures.h"

/* Folding */

static char *
fold (const char *word)
{
  char out[HS_SEARCH_MAX_TOKEN_BYTES];
  gsize n = hs_search_fold_word (word, strlen (word), out);

  return g_strndup (out, n);
}

static void
test_fold (void)
{
  /* Every letter of Vietnamese, both cases, with every tone. */
  static const char letters[] =
    "aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵđ"
    "AÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬEÈÉẺẼẸÊỀẾỂỄỆIÌÍỈĨỊOÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢUÙÚỦŨỤƯỪỨỬỮỰYỲÝỶỸỴĐ";
  static const char bases[] = "aeiouyd";

  for (const char *p = letters; *p != '\0'; p = g_utf8_next_char (p))
    {
      g_autofree char *letter = g_strndup (p, g_utf8_next_char (p) - p);
      g_autofree char *folded = fold (letter);
      g_autofree char *utils = hs_utils_fold (letter);

      g_assert_cmpuint (strlen (folded), ==, 1);
      g_assert_nonnull (strchr (bases, folded[0]));
      /* The index folds as the rest of Học Số does. */
      g_assert_cmpstr (folded, ==, utils);
    }

  {
    g_autofree char *a = fold ("Định");
    g_autofree char *b = fold ("ĐƯỜNG");
    g_autofree char *c = fold ("lừa");
    /* "định" with its marks as separate combining characters (NFD). */
    g_autofree char *d = fold ("d\xcc\x9b" "i\xcc\xa3nh");
    g_autofree char *e = fold ("đ\xcc\x9bi\xcc\xa3nh");
    g_autofree char *f = fold ("VNeID2024");

    g_assert_cmpstr (a, ==, "dinh");
    g_assert_cmpstr (b, ==, "duong");
    g_assert_cmpstr (c, ==, "lua");
    g_assert_cmpstr (d, ==, "dinh");
    g_assert_cmpstr (e, ==, "dinh");
    g_assert_cmpstr (f, ==, "vneid2024");
  }
}

typedef struct {
  GPtrArray *words;
  GArray    *offsets;
} Collected;

static gboolean
collect_cb (const char *folded,
            gsize       folded_length,
            gsize       start,
            gsize       end,
            gpointer    user_data)
{
  Collected *c = user_data;

  g_ptr_array_add (c->words, g_strndup (folded, folded_length));
  g_array_append_val (c->offsets, start);
  g_array_append_val (c->offsets, end);
  return TRUE;
}

static char *
tokenize (const char *text,
          gssize      length,
          GArray    **offsets)
{
  Collected c = { g_ptr_array_new_with_free_func (g_free), g_array_new (FALSE, FALSE, sizeof (gsize)) };
  char *joined;

  hs_search_tokenize (text, length, collect_cb, &c);
  g_ptr_array_add (c.words, NULL);
  joined = g_strjoinv ("|", (char **) c.words->pdata);
  g_ptr_array_unref (c.words);
  if (offsets != NULL)
    *offsets = c.offsets;
  else
    g_array_unref (c.offsets);
  return joined;
}

static void
test_tokenize (void)
{
  const char text[] = "Định danh, điện-tử! «VNeID» 2024";
  g_autoptr(GArray) offsets = NULL;
  g_autofree char *words = tokenize (text, -1, &offsets);
  g_autofree char *long_word = g_strnfill (500, 'a');
  g_autofree char *long_words = NULL;
  g_autofree char *broken = NULL;
  g_autofree char *empty = NULL;
  g_autofree char *marks = NULL;

  g_assert_cmpstr (words, ==, "dinh|danh|dien|tu|vneid|2024");
  /* Offsets are bytes of the original text, marks and all. */
  g_assert_cmpuint (g_array_index (offsets, gsize, 0), ==, 0);
  g_assert_cmpuint (g_array_index (offsets, gsize, 1), ==, strlen ("Định"));
  g_assert_cmpuint (g_array_index (offsets, gsize, 4), ==, strlen ("Định danh, "));
  g_assert_cmpuint (g_array_index (offsets, gsize, 5), ==, strlen ("Định danh, điện"));

  /* Invalid UTF-8 separates words and is never read past the length. */
  broken = tokenize ("l\xffua \xe1\xba dao\xc3", -1, NULL);
  g_assert_cmpstr (broken, ==, "l|ua|dao");
  g_assert_cmpstr ((empty = tokenize ("đường", 0, NULL)), ==, "");
  /* A lone combining mark folds to nothing and is no word. */
  g_assert_cmpstr ((marks = tokenize ("a \xcc\x81 b", -1, NULL)), ==, "a|b");

  /* Long words are cut alike wherever they come from. */
  long_words = tokenize (long_word, -1, NULL);
  g_assert_cmpuint (strlen (long_words), ==, HS_SEARCH_MAX_TOKEN_BYTES);
}

/* HTML */

static char *
html_text (const char *html)
{
  return hs_search_text_from_html (html, strlen (html));
}

static void
test_html (void)
{
  static const struct {
    const char *html;
    const char *text;
  } cases[] = {
    /* Only the body; no scripts, styles or hidden parts. */
    { "<!doctype html><html><head><title>Tiêu đề</title><style>p{color:red}</style>"
      "<script>var x = 'mã độc';</script></head>"
      "<body><p>Xin chào</p><script>alert(1)</script><template><p>mẫu</p></template>"
      "<p hidden>ẩn</p><noscript>không</noscript></body></html>",
      "Xin chào" },
    /* Entities decoded. */
    { "<p>Tom &amp; Jerry&nbsp;&#273;&#x1ECB;nh &lt;b&gt;</p>", "Tom & Jerry định <b>" },
    /* Inline elements do not break words; blocks do, with a dot when
     * they end without punctuation. */
    { "<h1><b>Đ</b>ịnh danh</h1><p>Bước <em>một</em>.</p><ul><li>A</li><li>B</li></ul>",
      "Định danh · Bước một. A · B" },
    { "<table><tr><td>Tên</td><td>Tuổi</td></tr></table>", "Tên · Tuổi" },
    /* Images speak through their alternative text. */
    { "<p>Xem<img src=a.png alt=\"Mã QR\">hình</p>", "Xem · Mã QR · hình" },
    /* Broken HTML is recovered as a browser would. */
    { "<p>không đóng <b>đậm <i>nghiêng", "không đóng đậm nghiêng" },
    { "chỉ có chữ", "chỉ có chữ" },
    /* Always UTF-8, whatever the page says: the player serves it so. */
    { "<meta charset=\"windows-1258\"><p>Lừa đảo</p>", "Lừa đảo" },
    { "", "" },
    { "<p>\x01\x1b[31mđỏ\x07</p>", "[31mđỏ" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = html_text (cases[i].html);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

static void
test_html_hostile (void)
{
  g_autoptr(GString) deep = g_string_new ("<body>");
  g_autoptr(GString) big = g_string_new ("<p>");
  g_autofree char *text = NULL;
  g_autofree char *invalid = NULL;
  g_autofree char *binary = NULL;
  static const char garbage[] = "\xff\xfe<\x00p>\x80\x81 lừa\xc3 <<<>>> </p></p></div>";

  /* Deeper than any recursion would survive. */
  for (guint i = 0; i < 100000; i++)
    g_string_append (deep, "<div>");
  g_string_append (deep, "sâu");
  text = html_text (deep->str);
  g_assert_nonnull (text);
  g_clear_pointer (&text, g_free);

  /* Text is kept up to the bound. */
  while (big->len < 2 * HS_SEARCH_MAX_TEXT_BYTES)
    g_string_append (big, "chữ ");
  text = html_text (big->str);
  g_assert_cmpuint (strlen (text), <=, HS_SEARCH_MAX_TEXT_BYTES);
  g_assert_cmpuint (strlen (text), >, HS_SEARCH_MAX_TEXT_BYTES - 16);
  g_assert_true (g_utf8_validate (text, -1, NULL));

  /* Not UTF-8, nul bytes: text comes out valid, the words around intact. */
  invalid = html_text ("<p>l\xe1\xbb\xab" "a \xff\xfe đảo</p>");
  g_assert_true (g_utf8_validate (invalid, -1, NULL));
  g_assert_nonnull (strstr (invalid, "lừa"));
  g_assert_nonnull (strstr (invalid, "đảo"));
  binary = hs_search_text_from_html (garbage, sizeof garbage - 1);
  g_assert_true (g_utf8_validate (binary, -1, NULL));
}

/* The library */

typedef struct {
  char      *tmp;
  char      *data_dir;
  HsLibrary *library;
  HsSearch  *search;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->tmp = hs_test_make_tmp_dir ();
  f->data_dir = g_build_filename (f->tmp, "data", NULL);
  f->library = hs_library_new (f->data_dir, &error);
  g_assert_no_error (error);
  f->search = hs_search_new (hs_library_get_store (f->library));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_assert_finalize_object (f->search);
  g_assert_finalize_object (f->library);
  hs_test_rm_rf (f->tmp);
  g_free (f->tmp);
  g_free (f->data_dir);
}

typedef struct {
  const char *id;
  const char *kind;
  const char *title;
  const char *content;   /* the page's body, or the quiz file */
} Lesson;

static void
write_file (const char *dir,
            const char *name,
            const char *contents)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree char *parent = g_path_get_dirname (path);

  g_assert_cmpint (g_mkdir_with_parents (parent, 0755), ==, 0);
  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
}

/* Packs a course of one module with @lessons into a zip in f->tmp. */
static char *
make_package (Fixture      *f,
              const char   *id,
              const char   *version,
              const char   *title,
              const char   *summary,
              const Lesson *lessons,
              guint         n_lessons)
{
  g_autofree char *name = g_strdup_printf ("%s-%s", id, version);
  g_autofree char *tree = g_build_filename (f->tmp, "src", name, NULL);
  g_autofree char *zip = g_strdup_printf ("%s/%s.zip", f->tmp, name);
  g_autoptr(GString) json = g_string_new (NULL);
  g_autoptr(HsTestArchive) archive = hs_test_archive_new (HS_TEST_FORMAT_ZIP);
  g_autoptr(GError) error = NULL;

  g_string_append_printf (json,
                          "{ \"format\": 1, \"id\": \"%s\", \"version\": \"%s\", \"title\": \"%s\",\n"
                          "  \"summary\": \"%s\", \"language\": \"vi\",\n"
                          "  \"modules\": [{ \"id\": \"m1\", \"title\": \"Phần chính\", \"lessons\": [\n",
                          id, version, title, summary);
  for (guint i = 0; i < n_lessons; i++)
    {
      gboolean quiz = g_str_equal (lessons[i].kind, "quiz");
      g_autofree char *src = g_strdup_printf ("bai/%s.%s", lessons[i].id, quiz ? "json" : "html");

      if (quiz)
        write_file (tree, src, lessons[i].content);
      else
        {
          g_autofree char *html = g_strdup_printf ("<!doctype html><html lang=\"vi\"><meta charset=\"utf-8\">"
                                                   "<title>%s</title><body>%s</body></html>\n",
                                                   lessons[i].title, lessons[i].content);
          write_file (tree, src, html);
        }
      g_string_append_printf (json, "    { \"id\": \"%s\", \"kind\": \"%s\", \"title\": \"%s\", \"src\": \"%s\" }%s\n",
                              lessons[i].id, lessons[i].kind, lessons[i].title, src,
                              i + 1 < n_lessons ? "," : "");
    }
  g_string_append (json, "  ]}]\n}\n");
  write_file (tree, "course.json", json->str);

  hs_test_archive_add_tree (archive, tree, "");
  hs_test_archive_write (archive, zip, &error);
  g_assert_no_error (error);
  hs_test_rm_rf (tree);

  return g_steal_pointer (&zip);
}

static void
import (Fixture    *f,
        const char *package)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HsCourse) course = hs_library_import (f->library, package, NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (course);
}

static GPtrArray *
search (Fixture    *f,
        const char *query,
        const char *course_id,
        guint       limit)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *hits = hs_search_query (f->search, query, course_id, limit, &error);

  g_assert_no_error (error);
  g_assert_nonnull (hits);
  return hits;
}

/* The hits as "course/lesson" ("course/" for the course itself), joined
 * by spaces, in order. */
static char *
found (Fixture    *f,
       const char *query)
{
  g_autoptr(GPtrArray) hits = search (f, query, NULL, 50);
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < hits->len; i++)
    {
      HsSearchHit *hit = g_ptr_array_index (hits, i);
      const char *lesson = hs_search_hit_get_lesson_id (hit);

      g_string_append_printf (out, "%s%s/%s", i > 0 ? " " : "", hs_search_hit_get_course_id (hit),
                              lesson != NULL ? lesson : "");
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static const Lesson safety_lessons[] = {
  { "dinh-danh", "page", "Tài khoản của bạn",
    "<p>Tài khoản <b>định danh</b> điện tử mức 2 thay cho căn cước khi làm thủ tục.</p>" },
  { "duong", "page", "Đi lại",
    "<h2>Con đường đến trường</h2><p>Đi bộ sát lề phải.</p>" },
  { "lua", "page", "Cảnh giác",
    "<p>Kẻ gian dùng nhiều chiêu lừa đảo qua điện thoại.</p><p>PHONG CHONG GIA MAO</p>" },
  { "phim", "page", "Bàn phím",
    "<p>Bấm phím d để đi tiếp, phím q để thoát.</p>" },
  { "chuyen", "page", "Tiền",
    "<p>Chuyển khoản bằng mã VietQR.</p>" },
};

static void
import_safety (Fixture *f)
{
  g_autofree char *package = make_package (f, "vn.test.an-toan", "1.0", "An toàn số",
                                           "Những điều cần biết", safety_lessons,
                                           G_N_ELEMENTS (safety_lessons));

  import (f, package);
}

static void
test_folding (Fixture       *f,
              gconstpointer  data)
{
  import_safety (f);

#define assert_found(query, expected) \
  G_STMT_START { \
    g_autofree char *_got = found (f, query); \
    g_assert_cmpstr (_got, ==, expected); \
  } G_STMT_END

  /* Without marks, in capitals, with marks: all the same words. */
  assert_found ("dinh danh ", "vn.test.an-toan/dinh-danh");
  assert_found ("ĐỊNH DANH ", "vn.test.an-toan/dinh-danh");
  assert_found ("DUONG ", "vn.test.an-toan/duong");
  assert_found ("đường ", "vn.test.an-toan/duong");
  assert_found ("lua dao ", "vn.test.an-toan/lua");
  /* A page written without marks is found with them. */
  assert_found ("phòng chống giả mạo ", "vn.test.an-toan/lua");
  assert_found ("Đ", "vn.test.an-toan/phim");
  assert_found ("vietqr", "vn.test.an-toan/chuyen");
  /* Every word must be there. */
  assert_found ("lua dao vietqr", "");
}

static void
test_prefix (Fixture       *f,
             gconstpointer  data)
{
  import_safety (f);

  /* The last word, while typed, matches the start of words. */
  assert_found ("dinh da", "vn.test.an-toan/dinh-danh");
  assert_found ("lua da", "vn.test.an-toan/lua");
  assert_found ("chuyen kho", "vn.test.an-toan/chuyen");
  assert_found ("Chuyển kh", "vn.test.an-toan/chuyen");
  assert_found ("viet", "vn.test.an-toan/chuyen");
  /* A space after it: the word is complete. */
  assert_found ("chuyen kho ", "");
  assert_found ("chuyen kho.", "");
  /* Only earlier words are whole words. */
  assert_found ("chuy khoan", "");
  /* One letter after other words waits for the next one. */
  assert_found ("lua d", "vn.test.an-toan/lua");
}

static void
test_ranking (Fixture       *f,
              gconstpointer  data)
{
  static const Lesson lessons[] = {
    { "it", "page", "Ghi nhớ", "<p>Một lần nhắc tới mật khẩu, một lần tới dùng chung.</p>" },
    { "tieu-de", "page", "Tạo mật khẩu mạnh", "<p>Dùng ít nhất mười hai ký tự.</p>" },
    { "ngan", "page", "Mật khẩu", "<p>Ngắn gọn.</p>" },
    { "khac", "page", "Thư điện tử", "<p>Không liên quan.</p>" },
    { "xa", "page", "Cách xa", "<p>Khoản tiền lớn, tài sản lớn, khoản vay, tài liệu.</p>" },
  };
  static const Lesson other_lessons[] = {
    { "nhieu", "page", "Bài một",
      "<p>Mật khẩu, mật khẩu, mật khẩu: đừng dùng chung mật khẩu, chung máy, chung tài khoản.</p>" },
  };
  g_autofree char *first = make_package (f, "vn.test.a", "1.0", "Khoá A", "Tóm tắt A", lessons, G_N_ELEMENTS (lessons));
  g_autofree char *second = make_package (f, "vn.test.b", "1.0", "Khoá B", "Tóm tắt B",
                                          other_lessons, G_N_ELEMENTS (other_lessons));
  g_autoptr(GPtrArray) limited = NULL;

  import (f, first);
  import (f, second);

  /* A text saying it more often ranks higher. */
  assert_found ("chung ", "vn.test.b/nhieu vn.test.a/it");
  /* Titles with every word come first, the shorter first, above a text
   * saying it five times; then the texts.  The hits stay grouped by
   * course, the courses in the order of their best hit: B's lesson ranks
   * above A's "it", but comes after it. */
  assert_found ("mat khau ", "vn.test.a/ngan vn.test.a/tieu-de vn.test.a/it vn.test.b/nhieu");
  assert_found ("Mật", "vn.test.a/ngan vn.test.a/tieu-de vn.test.a/it vn.test.b/nhieu");
  /* The course itself is found by its title and summary. */
  assert_found ("khoa b ", "vn.test.b/");
  assert_found ("tom tat a ", "vn.test.a/");

  /* Words next to each other as typed rank above the same words apart. */
  assert_found ("tai khoan ", "vn.test.b/nhieu vn.test.a/xa");

  limited = search (f, "mat khau ", NULL, 2);
  g_assert_cmpuint (limited->len, ==, 2);
  g_assert_cmpstr (hs_search_hit_get_lesson_id (g_ptr_array_index (limited, 0)), ==, "ngan");
}

static void
assert_markup_is_valid (const char *markup)
{
  static const GMarkupParser parser = { NULL };
  g_autoptr(GMarkupParseContext) context = g_markup_parse_context_new (&parser, 0, NULL, NULL);
  g_autoptr(GError) error = NULL;

  g_markup_parse_context_parse (context, "<markup>", -1, &error);
  g_markup_parse_context_parse (context, markup, -1, &error);
  g_markup_parse_context_parse (context, "</markup>", -1, &error);
  g_markup_parse_context_end_parse (context, &error);
  g_assert_no_error (error);
}

static void
test_snippets (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GString) long_text = g_string_new ("<p>");
  g_autoptr(GString) deep_text = g_string_new (NULL);
  g_autofree char *package = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GPtrArray) long_hits = NULL;
  const HsSearchRange *ranges;
  HsSearchHit *hit;
  HsLessonKind kind;
  g_autofree char *markup = NULL;
  g_autofree char *title_markup = NULL;
  g_autofree char *marked = NULL;
  guint n;

  for (guint i = 0; i < 60; i++)
    g_string_append (long_text, "Câu chuyện bình thường. ");
  g_string_append (long_text, "Ở đây là chỗ nói về LỪA ĐẢO qua mạng. ");
  for (guint i = 0; i < 60; i++)
    g_string_append (long_text, "Câu chuyện bình thường. ");
  g_string_append (long_text, "</p>");
  g_string_append (deep_text, "<p>Mở đầu dài.");
  while (deep_text->len < 200 * 1024)
    g_string_append (deep_text, " Chữ chữ chữ.");
  g_string_append (deep_text, " Cuối cùng.</p>");

  {
    const Lesson lessons[] = {
      { "dinh-danh", "page", "Định danh & <VNeID>",
        "<p>Dùng a &lt; b &amp; tài khoản Định danh điện tử.</p>" },
      { "dai", "page", "Bài dài", long_text->str },
      { "sau", "page", "Bài rất dài", deep_text->str },
    };

    package = make_package (f, "vn.test.a", "1.0", "Khoá A", "Tóm tắt", lessons, G_N_ELEMENTS (lessons));
    import (f, package);
  }

  hits = search (f, "dinh danh", NULL, 10);
  g_assert_cmpuint (hits->len, ==, 1);
  hit = g_ptr_array_index (hits, 0);
  g_assert_cmpstr (hs_search_hit_get_course_id (hit), ==, "vn.test.a");
  g_assert_cmpstr (hs_search_hit_get_course_title (hit), ==, "Khoá A");
  g_assert_true (hs_search_hit_get_kind (hit, &kind));
  g_assert_cmpint (kind, ==, HS_LESSON_KIND_PAGE);

  /* The original text, with the match as one range over "Định danh". */
  g_assert_cmpstr (hs_search_hit_get_title (hit), ==, "Định danh & <VNeID>");
  ranges = hs_search_hit_get_title_ranges (hit, &n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpuint (ranges[0].start, ==, 0);
  g_assert_cmpuint (ranges[0].end, ==, strlen ("Định danh"));
  g_assert_cmpstr (hs_search_hit_get_snippet (hit), ==, "Dùng a < b & tài khoản Định danh điện tử.");
  ranges = hs_search_hit_get_snippet_ranges (hit, &n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpint (strncmp (hs_search_hit_get_snippet (hit) + ranges[0].start, "Định danh",
                            ranges[0].end - ranges[0].start), ==, 0);
  g_assert_cmpuint (ranges[0].end - ranges[0].start, ==, strlen ("Định danh"));

  /* Pango markup: the match bold, the course's own text escaped. */
  markup = hs_search_hit_get_snippet_markup (hit);
  g_assert_cmpstr (markup, ==, "Dùng a &lt; b &amp; tài khoản <b>Định danh</b> điện tử.");
  title_markup = hs_search_hit_get_title_markup (hit);
  g_assert_cmpstr (title_markup, ==, "<b>Định danh</b> &amp; &lt;VNeID&gt;");
  assert_markup_is_valid (markup);
  assert_markup_is_valid (title_markup);
  marked = hs_search_mark_up (hs_search_hit_get_snippet (hit), ranges, n, "[", "]");
  g_assert_cmpstr (marked, ==, "Dùng a < b & tài khoản [Định danh] điện tử.");

  /* A long text: the part around the match, cut on both sides. */
  long_hits = search (f, "lua dao", NULL, 10);
  g_assert_cmpuint (long_hits->len, ==, 1);
  hit = g_ptr_array_index (long_hits, 0);
  g_assert_true (g_str_has_prefix (hs_search_hit_get_snippet (hit), "…"));
  g_assert_true (g_str_has_suffix (hs_search_hit_get_snippet (hit), "…"));
  g_assert_cmpuint (g_utf8_strlen (hs_search_hit_get_snippet (hit), -1), <, 200);
  ranges = hs_search_hit_get_snippet_ranges (hit, &n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpint (strncmp (hs_search_hit_get_snippet (hit) + ranges[0].start, "LỪA ĐẢO",
                            ranges[0].end - ranges[0].start), ==, 0);

  /* Found however deep in the text, but a snippet only looks so far: past
   * that it shows the beginning. */
  g_ptr_array_unref (long_hits);
  long_hits = search (f, "cuoi cung", NULL, 10);
  g_assert_cmpuint (long_hits->len, ==, 1);
  hit = g_ptr_array_index (long_hits, 0);
  g_assert_true (g_str_has_prefix (hs_search_hit_get_snippet (hit), "Mở đầu dài"));
  g_assert_true (g_str_has_suffix (hs_search_hit_get_snippet (hit), "…"));
  hs_search_hit_get_snippet_ranges (hit, &n);
  g_assert_cmpuint (n, ==, 0);
}

static void
test_hostile_queries (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *long_query = g_strnfill (100000, 'a');
  g_autoptr(GString) many_words = g_string_new (NULL);
  const char *queries[] = {
    "\"", "\"lua", "lua\"", "lua AND", "AND", "OR dao", "NOT", "lua NOT dao", "NEAR(lua dao)",
    "NEAR", "*", "lua*", "*lua", "lua * dao", "-lua", "lua -dao", "title:lua", "{title}: lua",
    "{title body}:", "^lua", "+lua", "(((", ")", "lua)", "'", "'; DROP TABLE courses; --",
    "\x01\x02\x03", "\xff\xfe\xfd", "lu\xc3", "😀 lừa đảo 😀", "%", "_", "\\", "\\\"", "a:b:c",
    "lừa đảo\"*", "\u00a0lừa\u3000đảo", long_query, NULL,
  };

  import_safety (f);

  for (guint i = 0; i < 100; i++)
    g_string_append (many_words, "lua dao ");
  g_string_append (many_words, "\"");

  for (guint i = 0; queries[i] != NULL; i++)
    {
      g_autoptr(GPtrArray) hits = search (f, queries[i], NULL, 20);
      g_autoptr(GPtrArray) in_course = search (f, queries[i], "vn.test.an-toan", 20);

      g_assert_cmpuint (in_course->len, ==, hits->len);
    }

  {
    g_autoptr(GPtrArray) hits = search (f, many_words->str, NULL, 20);
    /* Past HS_SEARCH_MAX_QUERY_WORDS words, the rest is ignored. */
    g_assert_cmpuint (hits->len, ==, 1);
  }

  /* Quotes and operators are not FTS5's: quotes are ignored, "and",
   * "or", "title" are words like any other (which these lessons lack). */
  assert_found ("\"lua\" \"dao\"", "vn.test.an-toan/lua");
  assert_found ("\"lua\" AND \"dao\"", "");
  assert_found ("lua OR vietqr", "");
  assert_found ("canh", "vn.test.an-toan/lua");
  assert_found ("{title}: canh", "");

  g_assert_false (hs_search_has_words (""));
  g_assert_false (hs_search_has_words ("  \t"));
  g_assert_false (hs_search_has_words ("-*:\"()"));
  g_assert_true (hs_search_has_words ("a"));
  g_assert_true (hs_search_has_words ("-đ-"));
  {
    g_autoptr(GPtrArray) none = search (f, "-*:", NULL, 20);
    g_assert_cmpuint (none->len, ==, 0);
  }
}

static void
test_course_filter (Fixture       *f,
                    gconstpointer  data)
{
  static const Lesson lessons[] = {
    { "mot", "page", "Một", "<p>Chuyển khoản an toàn.</p>" },
  };
  g_autofree char *other = make_package (f, "vn.test.b", "1.0", "Khoá B", "Tóm tắt", lessons, G_N_ELEMENTS (lessons));
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) a = NULL;
  g_autoptr(GPtrArray) b = NULL;
  g_autoptr(GPtrArray) none = NULL;

  import_safety (f);
  import (f, other);

  all = search (f, "chuyen khoan", NULL, 20);
  a = search (f, "chuyen khoan", "vn.test.an-toan", 20);
  b = search (f, "chuyen khoan", "vn.test.b", 20);
  none = search (f, "chuyen khoan", "vn.test.khong-co", 20);
  g_assert_cmpuint (all->len, ==, 2);
  g_assert_cmpuint (a->len, ==, 1);
  g_assert_cmpstr (hs_search_hit_get_lesson_id (g_ptr_array_index (a, 0)), ==, "chuyen");
  g_assert_cmpuint (b->len, ==, 1);
  g_assert_cmpstr (hs_search_hit_get_course_id (g_ptr_array_index (b, 0)), ==, "vn.test.b");
  g_assert_cmpuint (none->len, ==, 0);
}

static const char quiz_json[] =
  "{ \"format\": 1, \"questions\": [\n"
  "  { \"id\": \"q1\", \"type\": \"single\", \"text\": \"Ai được biết mã OTP của bạn?\",\n"
  "    \"explanation\": \"Ngân hàng không bao giờ hỏi mã xác thực.\",\n"
  "    \"choices\": [ { \"id\": \"a\", \"text\": \"Chỉ mình tôi\", \"correct\": true,\n"
  "                     \"feedback\": \"Tuyệt vời\" },\n"
  "                   { \"id\": \"b\", \"text\": \"Nhân viên tổng đài\" } ] },\n"
  "  { \"id\": \"q2\", \"type\": \"fill_in\", \"text\": \"Gõ tên ứng dụng.\",\n"
  "    \"accepted\": [\"Bí mật\"] }\n"
  "] }\n";

static void
test_quiz (Fixture       *f,
           gconstpointer  data)
{
  static const Lesson lessons[] = {
    { "kiem-tra", "quiz", "Kiểm tra nhanh", quiz_json },
  };
  g_autofree char *package = make_package (f, "vn.test.q", "1.0", "Khoá Q", "Tóm tắt", lessons, G_N_ELEMENTS (lessons));
  g_autoptr(GPtrArray) hits = NULL;
  HsSearchHit *hit;
  HsLessonKind kind;

  import (f, package);

  /* Questions and choices are found, and shown. */
  assert_found ("ma otp", "vn.test.q/kiem-tra");
  assert_found ("tong dai", "vn.test.q/kiem-tra");
  hits = search (f, "tong dai", NULL, 10);
  hit = g_ptr_array_index (hits, 0);
  g_assert_true (hs_search_hit_get_kind (hit, &kind));
  g_assert_cmpint (kind, ==, HS_LESSON_KIND_QUIZ);
  g_assert_nonnull (strstr (hs_search_hit_get_snippet (hit), "Nhân viên tổng đài"));

  /* An explanation is found, but never shown: it may give an answer away. */
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = search (f, "xac thuc", NULL, 10);
  g_assert_cmpuint (hits->len, ==, 1);
  g_assert_null (strstr (hs_search_hit_get_snippet (g_ptr_array_index (hits, 0)), "xác thực"));

  /* The answer key and feedback are not in the index at all. */
  assert_found ("bi mat", "");
  assert_found ("tuyet voi", "");
}

static void
test_walkthrough (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *package = hs_test_make_walkthrough_package (f->tmp, "vn.test.w", NULL);

  import (f, package);

  /* Each step's instruction is searchable, as the Watch mode reads it. */
  assert_found ("cham vao bieu tuong", "vn.test.w/kich-hoat");
  assert_found ("kich hoat tai khoan", "vn.test.w/kich-hoat");
}

static gint64
count_docs (Fixture    *f,
            const char *where)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = g_strdup_printf ("SELECT count (*) FROM search_docs WHERE %s", where);
  HsStore *store = hs_library_get_store (f->library);
  sqlite3_stmt *stmt = hs_store_query (store, &error, sql, NULL);
  gint64 n;

  g_assert_no_error (error);
  g_assert_cmpint (hs_store_step (store, stmt, &error), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return n;
}

static void
test_update_and_remove (Fixture       *f,
                        gconstpointer  data)
{
  static const Lesson v1[] = {
    { "bai", "page", "Bài cũ", "<p>Cảnh giác lừa đảo.</p>" },
    { "bo", "page", "Bài sẽ bỏ", "<p>Nội dung cũ.</p>" },
  };
  static const Lesson v2[] = {
    { "bai", "page", "Bài mới", "<p>Không đưa mã OTP cho ai.</p>" },
  };
  g_autofree char *p1 = make_package (f, "vn.test.u", "1.0", "Khoá U", "Tóm tắt", v1, G_N_ELEMENTS (v1));
  g_autofree char *p2 = make_package (f, "vn.test.u", "2.0", "Khoá U mới", "Tóm tắt", v2, G_N_ELEMENTS (v2));
  g_autoptr(GError) error = NULL;

  import (f, p1);
  assert_found ("lua dao", "vn.test.u/bai");
  assert_found ("noi dung cu", "vn.test.u/bo");
  g_assert_cmpint (count_docs (f, "version = '1.0'"), ==, 3);

  /* The newer version replaces the older in the index. */
  import (f, p2);
  assert_found ("lua dao", "");
  assert_found ("noi dung cu", "");
  assert_found ("ma otp", "vn.test.u/bai");
  assert_found ("khoa u moi", "vn.test.u/");
  g_assert_cmpint (count_docs (f, "version = '1.0'"), ==, 0);
  g_assert_cmpint (count_docs (f, "version = '2.0'"), ==, 2);

  /* A refused import leaves the index as it was. */
  g_assert_null (hs_library_import (f->library, p1, NULL, NULL, NULL, &error));
  g_assert_error (error, HS_LIBRARY_ERROR, HS_LIBRARY_ERROR_ALREADY_INSTALLED);
  assert_found ("ma otp", "vn.test.u/bai");

  g_assert_true (hs_library_remove (f->library, "vn.test.u", FALSE, NULL));
  assert_found ("ma otp", "");
  assert_found ("khoa", "");
  g_assert_cmpint (count_docs (f, "1"), ==, 0);
}

/* A library made before the index existed, or whose index lost a course,
 * is indexed again when it is opened. */
static void
test_reindex_on_open (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  import_safety (f);
  g_assert_true (hs_store_exec (hs_library_get_store (f->library), "DELETE FROM search_docs", &error));
  g_assert_no_error (error);
  assert_found ("lua dao", "");

  g_assert_finalize_object (f->search);
  g_assert_finalize_object (f->library);
  f->library = hs_library_new (f->data_dir, &error);
  g_assert_no_error (error);
  f->search = hs_search_new (hs_library_get_store (f->library));

  assert_found ("lua dao", "vn.test.an-toan/lua");
  assert_found ("an toan so", "vn.test.an-toan/");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/hocso/search/fold", test_fold);
  g_test_add_func ("/hocso/search/tokenize", test_tokenize);
  g_test_add_func ("/hocso/search/html", test_html);
  g_test_add_func ("/hocso/search/html-hostile", test_html_hostile);
#define ADD(path, func) \
  g_test_add ("/hocso/search/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("folding", test_folding);
  ADD ("prefix", test_prefix);
  ADD ("ranking", test_ranking);
  ADD ("snippets", test_snippets);
  ADD ("hostile-queries", test_hostile_queries);
  ADD ("course-filter", test_course_filter);
  ADD ("quiz", test_quiz);
  ADD ("walkthrough", test_walkthrough);
  ADD ("update-and-remove", test_update_and_remove);
  ADD ("reindex-on-open", test_reindex_on_open);
#undef ADD

  return g_test_run ();
}

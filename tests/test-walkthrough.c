/* test-walkthrough.c — hs-walkthrough: the format and its checks, step
 * checking, the fake-data guard, what pages see per mode, and runs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "hs-walkthrough.h"
#include "hs-walkthrough-run.h"
#include "hs-test-fixtures.h"

#define WT_NAME "m1/walkthrough.json"

/* A copy of the demo walkthrough, with a narration file beside it. */
static char *root_dir;
static char *good_json;

/* The right flow of the demo, and the steps only branches lead to. */
static const char * const demo_path[] = {
  "mo-ung-dung", "chon-kich-hoat", "nhap-so-dinh-danh", "nhap-so-dien-thoai", "gui-yeu-cau",
  "tin-nhan-la", "nhap-otp", "dat-mat-khau", "dat-passcode", "hoan-tat", NULL
};

/* Real-looking data for the guard tests.  Made up, but shaped like the
 * real thing, which is the point. */
#define REAL_ID    "079203004567"
#define REAL_PHONE "0987654321"
#define REAL_OTP   "582931"

/* Returns good_json with the member at @path (e.g. "steps[3].type.expected")
 * replaced by the JSON text @value, or removed when @value is NULL.  A list
 * index one past the end appends. */
static char *
mutate (const char *path,
        const char *value)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) parts = g_strsplit (path, ".", -1);
  guint n = g_strv_length (parts);
  JsonNode *node;

  json_parser_load_from_data (parser, good_json, -1, &error);
  g_assert_no_error (error);
  node = json_parser_get_root (parser);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdup (parts[i]);
      char *bracket = strchr (name, '[');
      JsonObject *object = json_node_get_object (node);
      int index = -1;

      if (bracket != NULL)
        {
          index = atoi (bracket + 1);
          *bracket = '\0';
        }

      if (index < 0 && i == n - 1)
        {
          if (value == NULL)
            json_object_remove_member (object, name);
          else
            json_object_set_member (object, name, json_from_string (value, NULL));
        }
      else if (index < 0)
        node = json_object_get_member (object, name);
      else if (i == n - 1)
        {
          JsonArray *array = json_object_get_array_member (object, name);
          JsonArray *copy = json_array_new ();

          for (guint j = 0; j < json_array_get_length (array); j++)
            {
              if ((int) j != index)
                json_array_add_element (copy, json_node_copy (json_array_get_element (array, j)));
              else if (value != NULL)
                json_array_add_element (copy, json_from_string (value, NULL));
            }
          if ((guint) index == json_array_get_length (array))
            json_array_add_element (copy, json_from_string (value, NULL));
          json_object_set_array_member (object, name, copy);
        }
      else
        node = json_array_get_element (json_object_get_array_member (object, name), index);
    }

  return json_to_string (json_parser_get_root (parser), TRUE);
}

static HsWalkthrough *
parse_good (const char *json)
{
  g_autoptr(GError) error = NULL;
  HsWalkthrough *walkthrough = hs_walkthrough_parse (json, -1, WT_NAME, root_dir, &error);

  g_assert_no_error (error);
  g_assert_nonnull (walkthrough);
  return walkthrough;
}

static void
assert_walkthrough_error (const char         *json,
                          HsWalkthroughError  code,
                          const char         *where,
                          const char         *field)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HsWalkthrough) walkthrough = hs_walkthrough_parse (json, -1, WT_NAME, root_dir, &error);

  g_assert_null (walkthrough);
  if (!g_error_matches (error, HS_WALKTHROUGH_ERROR, code))
    g_error ("expected error %d, got “%s” for:\n%s", code, error ? error->message : "success", json);
  g_assert_nonnull (strstr (error->message, "walkthrough “" WT_NAME "”"));
  if (where != NULL && strstr (error->message, where) == NULL)
    g_error ("the message “%s” does not name “%s”", error->message, where);
  if (field != NULL && strstr (error->message, field) == NULL)
    g_error ("the message “%s” does not name “%s”", error->message, field);
}

static JsonNode *
json (const char *text)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = json_from_string (text, &error);

  g_assert_no_error (error);
  return node;
}

static void
write_file (const char *relative,
            const char *contents)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (root_dir, relative, NULL);
  g_autofree char *parent = g_path_get_dirname (path);

  g_assert_cmpint (g_mkdir_with_parents (parent, 0755), ==, 0);
  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
}

/* Checks @action (JSON text) on @step_id and returns the outcome. */
static HsWalkthroughCheck
check (HsWalkthrough *walkthrough,
       const char    *step_id,
       const char    *action)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = json (action);
  HsWalkthroughCheck result;

  g_assert_true (hs_walkthrough_check (walkthrough, step_id, node, &result, &error));
  g_assert_no_error (error);
  return result;
}

static void
assert_outcome (HsWalkthrough        *walkthrough,
                const char           *step_id,
                const char           *action,
                HsWalkthroughOutcome  outcome,
                const char           *next)
{
  HsWalkthroughCheck result = check (walkthrough, step_id, action);

  if (result.outcome != outcome)
    g_error ("%s %s: expected %s, got %s", step_id, action,
             hs_walkthrough_outcome_to_string (outcome), hs_walkthrough_outcome_to_string (result.outcome));
  g_assert_cmpstr (result.next, ==, next);
}

static char *
type_action (const char *text)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) node = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "text");
  json_builder_add_string_value (builder, text);
  json_builder_end_object (builder);
  node = json_builder_get_root (builder);
  return json_to_string (node, FALSE);
}

static void
test_parses_demo (void)
{
  g_autoptr(HsWalkthrough) walkthrough = parse_good (good_json);
  const char * const *path = hs_walkthrough_get_path (walkthrough);
  const char * const *invented = hs_walkthrough_get_invented_values (walkthrough);
  HsWalkthroughAction action;

  g_assert_cmpstr (hs_walkthrough_get_name (walkthrough), ==, WT_NAME);
  g_assert_cmpstr (hs_walkthrough_get_title (walkthrough), ==, "Kích hoạt tài khoản định danh điện tử (mô phỏng)");
  g_assert_cmpfloat_with_epsilon (hs_walkthrough_get_pass_mark (walkthrough), 0.8, 1e-9);
  g_assert_cmpuint (hs_walkthrough_get_device_width (walkthrough), ==, 360);
  g_assert_cmpuint (hs_walkthrough_get_device_height (walkthrough), ==, 720);
  g_assert_cmpstr (hs_walkthrough_get_start (walkthrough), ==, "mo-ung-dung");
  g_assert_cmpuint (hs_walkthrough_get_n_steps (walkthrough), ==, 12);
  g_assert_cmpstr (hs_walkthrough_get_step_id (walkthrough, 7), ==, "canh-bao-otp");

  /* At least 8 steps on the right flow, and branches off it. */
  g_assert_cmpuint (g_strv_length ((char **) path), ==, 10);
  for (guint i = 0; demo_path[i] != NULL; i++)
    {
      g_assert_cmpstr (path[i], ==, demo_path[i]);
      g_assert_true (hs_walkthrough_step_is_scored (walkthrough, demo_path[i]));
    }
  g_assert_false (hs_walkthrough_step_is_scored (walkthrough, "canh-bao-link"));
  g_assert_false (hs_walkthrough_step_is_scored (walkthrough, "canh-bao-otp"));
  g_assert_false (hs_walkthrough_step_is_scored (walkthrough, "khong-co"));

  g_assert_true (hs_walkthrough_get_step_action (walkthrough, "tin-nhan-la", &action));
  g_assert_cmpint (action, ==, HS_WALKTHROUGH_ACTION_CHOICE);
  g_assert_cmpstr (hs_walkthrough_action_to_string (action), ==, "choice");
  g_assert_true (hs_walkthrough_get_step_action (walkthrough, "nhap-otp", &action));
  g_assert_cmpint (action, ==, HS_WALKTHROUGH_ACTION_TYPE);
  g_assert_false (hs_walkthrough_get_step_action (walkthrough, "khong-co", &action));
  g_assert_cmpstr (hs_walkthrough_get_step_screen (walkthrough, "gui-yeu-cau"), ==, "nhap-thong-tin-xong");
  g_assert_cmpstr (hs_walkthrough_get_step_next (walkthrough, "hoan-tat"), ==, HS_WALKTHROUGH_END);
  g_assert_cmpstr (hs_walkthrough_get_step_next (walkthrough, "canh-bao-otp"), ==, "tin-nhan-la");
  g_assert_null (hs_walkthrough_get_step_screen (walkthrough, "khong-co"));

  g_assert_true (g_strv_contains (invented, "001099012345"));
  g_assert_true (g_strv_contains (invented, "0912 345 678"));
  g_assert_true (g_strv_contains (invented, "246810"));
  g_assert_true (g_strv_contains (invented, "Hocso@2026"));
  g_assert_true (g_strv_contains (invented, "135790"));
  g_assert_cmpuint (g_strv_length ((char **) invented), ==, 5);
}

static void
test_defaults (void)
{
  const char *minimal =
    "{ \"format\": 1, \"device\": { \"width\": 360, \"height\": 640 },\n"
    "  \"screens\": [ { \"id\": \"s\", \"image\": \"screens/hoan-tat.svg\", \"alt\": \"Một nút.\" } ],\n"
    "  \"steps\": [ { \"id\": \"b1\", \"screen\": \"s\", \"instruction\": \"Chạm nút.\",\n"
    "                 \"tap\": { \"x\": 0, \"y\": 592, \"width\": 360, \"height\": 48 }, \"next\": \"end\" } ] }";
  g_autoptr(HsWalkthrough) walkthrough = parse_good (minimal);
  g_autofree char *own = mutate ("pass_mark", "0.5");
  g_autoptr(HsWalkthrough) with_own = parse_good (own);

  g_assert_null (hs_walkthrough_get_title (walkthrough));
  g_assert_true (isnan (hs_walkthrough_get_pass_mark (walkthrough)));
  g_assert_cmpfloat_with_epsilon (hs_walkthrough_resolve_pass_mark (walkthrough, NAN), 0.8, 1e-9);
  g_assert_cmpfloat_with_epsilon (hs_walkthrough_resolve_pass_mark (walkthrough, 0.7), 0.7, 1e-9);
  g_assert_cmpfloat_with_epsilon (hs_walkthrough_resolve_pass_mark (with_own, 0.7), 0.5, 1e-9);
  g_assert_cmpstr (hs_walkthrough_get_start (walkthrough), ==, "b1");
  g_assert_cmpuint (g_strv_length ((char **) hs_walkthrough_get_path (walkthrough)), ==, 1);
  g_assert_cmpuint (g_strv_length ((char **) hs_walkthrough_get_invented_values (walkthrough)), ==, 0);
  /* A target on the screen's very edges is inside it. */
  assert_outcome (walkthrough, "b1", "{\"tap\": {\"x\": 360, \"y\": 640}}", HS_WALKTHROUGH_OUTCOME_RIGHT, "end");
}

static void
test_load (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *broken = mutate ("screens[2].image", "\"screens/khong-co.svg\"");
  g_autoptr(HsWalkthrough) walkthrough = hs_walkthrough_load (root_dir, "walkthrough.json", &error);

  g_assert_no_error (error);
  g_assert_cmpuint (hs_walkthrough_get_n_steps (walkthrough), ==, 12);
  g_assert_cmpstr (hs_walkthrough_get_name (walkthrough), ==, "walkthrough.json");
  g_clear_object (&walkthrough);

  walkthrough = hs_walkthrough_load (root_dir, "khong-co.json", &error);
  g_assert_error (error, HS_WALKTHROUGH_ERROR, HS_WALKTHROUGH_ERROR_NOT_FOUND);
  g_assert_null (walkthrough);
  g_clear_error (&error);

  walkthrough = hs_walkthrough_load (root_dir, "../walkthrough.json", &error);
  g_assert_error (error, HS_WALKTHROUGH_ERROR, HS_WALKTHROUGH_ERROR_NOT_FOUND);
  g_clear_error (&error);

  walkthrough = hs_walkthrough_load (root_dir, "screens", &error);
  g_assert_error (error, HS_WALKTHROUGH_ERROR, HS_WALKTHROUGH_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Without a root, screens and narration are checked for their form only. */
  walkthrough = hs_walkthrough_parse (broken, -1, WT_NAME, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (walkthrough);
  g_clear_object (&walkthrough);
  walkthrough = hs_walkthrough_parse (broken, -1, WT_NAME, root_dir, &error);
  g_assert_error (error, HS_WALKTHROUGH_ERROR, HS_WALKTHROUGH_ERROR_MISSING_FILE);
  g_assert_nonnull (strstr (error->message, "screens/khong-co.svg"));
  g_assert_nonnull (strstr (error->message, "screen “chao-mung” (screens[2])"));
  g_assert_null (walkthrough);
}

static void
test_invalid_json (void)
{
  assert_walkthrough_error ("{ \"format\": 1, ", HS_WALKTHROUGH_ERROR_INVALID_JSON, NULL, "JSON");
  assert_walkthrough_error ("[1, 2]", HS_WALKTHROUGH_ERROR_INVALID_JSON, NULL, NULL);
  assert_walkthrough_error ("{\"format\": 1, \"title\": \"B\xe0i\"}", HS_WALKTHROUGH_ERROR_INVALID_JSON, NULL, "UTF-8");

  /* Found by fuzzing: a lone surrogate in the instruction of a typing
   * step became text that is not UTF-8, its NFC form NULL, and the check
   * that the sample value is shown crashed on it.  NUL cut texts short. */
  {
    g_autofree char *demo = hs_test_walkthrough_demo_json ();
    g_autoptr(GString) lone = g_string_new (demo);
    g_autoptr(GString) nul = g_string_new (demo);
    const char *instruction = "\"instruction\": \"Gõ số định danh cá nhân";

    g_assert_cmpuint (g_string_replace (lone, instruction, "\"instruction\": \"\\udc00Gõ số định danh cá nhân", 1), ==, 1);
    assert_walkthrough_error (lone->str, HS_WALKTHROUGH_ERROR_INVALID_JSON, NULL, "\\u");
    g_assert_cmpuint (g_string_replace (nul, instruction, "\"instruction\": \"\\u0000Gõ số định danh cá nhân", 1), ==, 1);
    assert_walkthrough_error (nul->str, HS_WALKTHROUGH_ERROR_INVALID_JSON, NULL, "\\u");
  }
}

static void
test_too_deep (void)
{
  g_autoptr(GString) text = g_string_new ("{\"format\": 1, \"x\":");

  for (int i = 0; i < 100000; i++)
    g_string_append_c (text, '[');
  assert_walkthrough_error (text->str, HS_WALKTHROUGH_ERROR_INVALID_JSON, NULL, "32");
}

static void
test_too_large (void)
{
  g_autofree char *padding = g_strnfill (HS_WALKTHROUGH_MAX_SIZE, ' ');
  g_autofree char *text = g_strconcat ("{", padding, "}", NULL);

  assert_walkthrough_error (text, HS_WALKTHROUGH_ERROR_TOO_LARGE, NULL, NULL);
}

static void
test_message_shape (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = mutate ("steps[5].tap", "{ \"x\": 24, \"y\": 620, \"width\": 312, \"height\": 40 }");
  g_autoptr(HsWalkthrough) walkthrough = hs_walkthrough_parse (text, -1, WT_NAME, root_dir, &error);

  g_assert_null (walkthrough);
  g_assert_error (error, HS_WALKTHROUGH_ERROR, HS_WALKTHROUGH_ERROR_TARGET_TOO_SMALL);
  g_assert_cmpstr (error->message, ==,
                   "walkthrough “" WT_NAME "”: step “gui-yeu-cau” (steps[5]): the field “tap” is not valid: "
                   "it is 312 × 40 px; a finger needs at least 48 × 48 px at 100% scale.");
}

typedef struct {
  const char         *test;
  const char         *path;
  const char         *value;     /* NULL removes the member */
  HsWalkthroughError  code;
  const char         *where;     /* how the message must name the step or screen, or NULL */
  const char         *field;     /* what else it must name */
} FieldCase;

static const FieldCase field_cases[] = {
  { "format-missing", "format", NULL, HS_WALKTHROUGH_ERROR_MISSING_FIELD, NULL, "“format”" },
  { "format-not-number", "format", "\"1\"", HS_WALKTHROUGH_ERROR_INVALID_FIELD, NULL, "“format”" },
  { "format-newer", "format", "2", HS_WALKTHROUGH_ERROR_UNSUPPORTED_FORMAT, NULL, "format 2" },
  { "title-empty", "title", "\" \"", HS_WALKTHROUGH_ERROR_INVALID_FIELD, NULL, "“title”" },
  { "pass-mark-range", "pass_mark", "80", HS_WALKTHROUGH_ERROR_INVALID_FIELD, NULL, "“pass_mark”" },
  { "device-missing", "device", NULL, HS_WALKTHROUGH_ERROR_MISSING_FIELD, NULL, "“device”" },
  { "device-not-object", "device", "\"phone\"", HS_WALKTHROUGH_ERROR_INVALID_FIELD, NULL, "“device”" },
  { "device-kind-tablet", "device.kind", "\"tablet\"", HS_WALKTHROUGH_ERROR_INVALID_FIELD, NULL, "“device.kind”" },
  { "device-width-missing", "device.width", NULL, HS_WALKTHROUGH_ERROR_MISSING_FIELD, NULL, "“device.width”" },
  { "device-width-small", "device.width", "120", HS_WALKTHROUGH_ERROR_INVALID_FIELD, NULL, "“device.width”" },
  { "device-height-fraction", "device.height", "720.5", HS_WALKTHROUGH_ERROR_INVALID_FIELD, NULL, "“device.height”" },
  { "sample-values-not-text", "sample_values", "[12]", HS_WALKTHROUGH_ERROR_INVALID_FIELD, NULL, "“sample_values[0]”" },
  { "screens-missing", "screens", NULL, HS_WALKTHROUGH_ERROR_MISSING_FIELD, NULL, "“screens”" },
  { "screens-empty", "screens", "[]", HS_WALKTHROUGH_ERROR_TOO_FEW, NULL, "“screens”" },
  { "screen-not-object", "screens[1]", "\"canh-bao\"", HS_WALKTHROUGH_ERROR_INVALID_FIELD, NULL, "“screens[1]”" },
  { "screen-id-missing", "screens[1].id", NULL, HS_WALKTHROUGH_ERROR_MISSING_FIELD, "screens[1]", "“id”" },
  { "screen-id-bad", "screens[1].id", "\"Cảnh báo\"", HS_WALKTHROUGH_ERROR_INVALID_FIELD, "screens[1]", "“id”" },
  { "screen-id-duplicate", "screens[1].id", "\"man-hinh-chinh\"", HS_WALKTHROUGH_ERROR_DUPLICATE_ID, "screens[1]", "man-hinh-chinh" },
  { "screen-image-missing", "screens[1].image", NULL, HS_WALKTHROUGH_ERROR_MISSING_FIELD, "screen “canh-bao-link”", "“image”" },
  { "screen-image-not-in-package", "screens[1].image", "\"screens/khong-co.png\"", HS_WALKTHROUGH_ERROR_MISSING_FILE, "screen “canh-bao-link”", "screens/khong-co.png" },
  { "screen-image-wrong-type", "screens[1].image", "\"screens/canh-bao-link.bmp\"", HS_WALKTHROUGH_ERROR_INVALID_FIELD, "screen “canh-bao-link”", ".svg" },
  { "screen-image-outside", "screens[1].image", "\"../canh-bao-link.svg\"", HS_WALKTHROUGH_ERROR_INVALID_FIELD, "screen “canh-bao-link”", "“image”" },
  { "screen-image-folder", "screens[1].image", "\"screens.svg\"", HS_WALKTHROUGH_ERROR_MISSING_FILE, "screen “canh-bao-link”", "“image”" },
  { "screen-alt-missing", "screens[1].alt", NULL, HS_WALKTHROUGH_ERROR_MISSING_FIELD, "screen “canh-bao-link”", "“alt”" },
  { "hotspots-empty", "screens[1].hotspots", "[]", HS_WALKTHROUGH_ERROR_TOO_FEW, "screen “canh-bao-link”", "“hotspots”" },
  { "hotspot-label-missing", "screens[1].hotspots[0]", "{ \"x\": 40, \"y\": 600, \"width\": 280, \"height\": 64 }",
    HS_WALKTHROUGH_ERROR_MISSING_FIELD, "screen “canh-bao-link”", "“hotspots[0].label”" },
  { "hotspot-too-small", "screens[1].hotspots[0]", "{ \"label\": \"Quay lại\", \"x\": 40, \"y\": 600, \"width\": 280, \"height\": 30 }",
    HS_WALKTHROUGH_ERROR_TARGET_TOO_SMALL, "screen “canh-bao-link”", "“hotspots[0]”" },
  { "hotspot-outside", "screens[1].hotspots[0]", "{ \"label\": \"Quay lại\", \"x\": 40, \"y\": 680, \"width\": 280, \"height\": 64 }",
    HS_WALKTHROUGH_ERROR_TARGET_OUTSIDE, "screen “canh-bao-link”", "“hotspots[0]”" },
  { "steps-missing", "steps", NULL, HS_WALKTHROUGH_ERROR_MISSING_FIELD, NULL, "“steps”" },
  { "steps-empty", "steps", "[]", HS_WALKTHROUGH_ERROR_TOO_FEW, NULL, "“steps”" },
  { "step-not-object", "steps[2]", "[]", HS_WALKTHROUGH_ERROR_INVALID_FIELD, NULL, "“steps[2]”" },
  { "step-id-missing", "steps[2].id", NULL, HS_WALKTHROUGH_ERROR_MISSING_FIELD, "steps[2]", "“id”" },
  { "step-id-end", "steps[2].id", "\"end\"", HS_WALKTHROUGH_ERROR_INVALID_FIELD, "steps[2]", "“id”" },
  { "step-id-duplicate", "steps[2].id", "\"mo-ung-dung\"", HS_WALKTHROUGH_ERROR_DUPLICATE_ID, "steps[2]", "mo-ung-dung" },
  { "step-screen-missing", "steps[2].screen", NULL, HS_WALKTHROUGH_ERROR_MISSING_FIELD, "step “chon-kich-hoat” (steps[2])", "“screen”" },
  { "step-screen-unknown", "steps[2].screen", "\"chao\"", HS_WALKTHROUGH_ERROR_UNKNOWN_SCREEN, "step “chon-kich-hoat” (steps[2])", "chao" },
  { "step-instruction-missing", "steps[2].instruction", NULL, HS_WALKTHROUGH_ERROR_MISSING_FIELD, "step “chon-kich-hoat”", "“instruction”" },
  { "step-hint-not-text", "steps[2].hint", "true", HS_WALKTHROUGH_ERROR_INVALID_FIELD, "step “chon-kich-hoat”", "“hint”" },
  { "step-narration-wrong-type", "steps[2].narration", "\"am-thanh/a.txt\"", HS_WALKTHROUGH_ERROR_INVALID_FIELD, "step “chon-kich-hoat”", "“narration”" },
  { "step-narration-not-in-package", "steps[2].narration", "\"am-thanh/b.ogg\"", HS_WALKTHROUGH_ERROR_MISSING_FILE, "step “chon-kich-hoat”", "am-thanh/b.ogg" },
  { "step-no-action", "steps[2].tap", NULL, HS_WALKTHROUGH_ERROR_MISSING_FIELD, "step “chon-kich-hoat”", "“tap”, a “type” or a “choice”" },
  { "step-two-actions", "steps[2].choice", "{ \"options\": [] }", HS_WALKTHROUGH_ERROR_INVALID_FIELD, "step “chon-kich-hoat”", "exactly one action" },
  { "tap-not-object", "steps[2].tap", "[40, 576]", HS_WALKTHROUGH_ERROR_INVALID_FIELD, "step “chon-kich-hoat”", "“tap”" },
  { "tap-side-missing", "steps[2].tap.height", NULL, HS_WALKTHROUGH_ERROR_MISSING_FIELD, "step “chon-kich-hoat”", "“tap.height”" },
  { "tap-side-not-number", "steps[2].tap.x", "\"40px\"", HS_WALKTHROUGH_ERROR_INVALID_FIELD, "step “chon-kich-hoat”", "“tap.x”" },
  { "tap-too-narrow", "steps[2].tap.width", "47.5", HS_WALKTHROUGH_ERROR_TARGET_TOO_SMALL, "step “chon-kich-hoat”", "48 × 48" },
  { "tap-outside-right", "steps[2].tap.x", "100", HS_WALKTHROUGH_ERROR_TARGET_OUTSIDE, "step “chon-kich-hoat”", "360 × 720" },
  { "tap-outside-bottom", "steps[2].tap.y", "670", HS_WALKTHROUGH_ERROR_TARGET_OUTSIDE, "step “chon-kich-hoat”", "“tap”" },
  { "tap-outside-negative", "steps[2].tap.x", "-1", HS_WALKTHROUGH_ERROR_TARGET_OUTSIDE, "step “chon-kich-hoat”", "“tap”" },
  { "tap-no-hotspot", "steps[2].tap", "{ \"x\": 40, \"y\": 420, \"width\": 280, \"height\": 56 }",
    HS_WALKTHROUGH_ERROR_NO_HOTSPOT, "step “chon-kich-hoat”", "chao-mung" },
  { "next-missing", "steps[5].next", NULL, HS_WALKTHROUGH_ERROR_MISSING_FIELD, "step “gui-yeu-cau” (steps[5])", "“next”" },
  { "next-bad", "steps[5].next", "\"Tin nhắn\"", HS_WALKTHROUGH_ERROR_INVALID_FIELD, "step “gui-yeu-cau”", "“next”" },
  { "next-unknown", "steps[5].next", "\"tin-nhan\"", HS_WALKTHROUGH_ERROR_UNKNOWN_STEP, "step “gui-yeu-cau” (steps[5])", "tin-nhan" },
  { "start-unknown", "start", "\"bat-dau\"", HS_WALKTHROUGH_ERROR_UNKNOWN_STEP, NULL, "bat-dau" },
  { "branches-empty", "steps[0].branches", "[]", HS_WALKTHROUGH_ERROR_TOO_FEW, "step “mo-ung-dung”", "“branches”" },
  { "branch-id-missing", "steps[0].branches[0].id", NULL, HS_WALKTHROUGH_ERROR_MISSING_FIELD, "step “mo-ung-dung”", "“branches[0].id”" },
  { "branch-id-duplicate", "steps[0].branches[1]",
    "{ \"id\": \"link-nhan-qua\", \"tap\": { \"x\": 252, \"y\": 200, \"width\": 96, \"height\": 120 }, \"next\": \"canh-bao-link\" }",
    HS_WALKTHROUGH_ERROR_DUPLICATE_ID, "step “mo-ung-dung”", "“branches[1].id”" },
  { "branch-too-small", "steps[0].branches[0].tap.height", "20", HS_WALKTHROUGH_ERROR_TARGET_TOO_SMALL, "step “mo-ung-dung”", "“branches[0].tap”" },
  { "branch-outside", "steps[0].branches[0].tap.width", "400", HS_WALKTHROUGH_ERROR_TARGET_OUTSIDE, "step “mo-ung-dung”", "“branches[0].tap”" },
  { "branch-overlaps-target", "steps[0].branches[0].tap", "{ \"x\": 100, \"y\": 300, \"width\": 100, \"height\": 100 }",
    HS_WALKTHROUGH_ERROR_TARGET_OVERLAP, "step “mo-ung-dung”", "“branches[0].tap”" },
  { "branches-overlap", "steps[0].branches[1]",
    "{ \"id\": \"lan-nua\", \"tap\": { \"x\": 12, \"y\": 100, \"width\": 96, \"height\": 120 }, \"next\": \"canh-bao-link\" }",
    HS_WALKTHROUGH_ERROR_TARGET_OVERLAP, "step “mo-ung-dung”", "branches[0]" },
  { "branch-no-hotspot", "steps[0].branches[0].tap", "{ \"x\": 12, \"y\": 500, \"width\": 336, \"height\": 100 }",
    HS_WALKTHROUGH_ERROR_NO_HOTSPOT, "step “mo-ung-dung”", "“branches[0].tap”" },
  { "branch-next-missing", "steps[0].branches[0].next", NULL, HS_WALKTHROUGH_ERROR_MISSING_FIELD, "step “mo-ung-dung”", "“branches[0].next”" },
  { "branch-next-end", "steps[0].branches[0].next", "\"end\"", HS_WALKTHROUGH_ERROR_INVALID_FIELD, "step “mo-ung-dung”", "“branches[0].next”" },
  { "branch-next-unknown", "steps[0].branches[0].next", "\"canh-bao\"", HS_WALKTHROUGH_ERROR_UNKNOWN_STEP, "step “mo-ung-dung”", "“branches[0].next”" },
  { "branch-on-type-step", "steps[8].branches", "[]", HS_WALKTHROUGH_ERROR_INVALID_FIELD, "step “nhap-otp”", "“branches”" },
  { "type-not-object", "steps[8].type", "\"246810\"", HS_WALKTHROUGH_ERROR_INVALID_FIELD, "step “nhap-otp”", "“type”" },
  { "type-field-missing", "steps[8].type.field", NULL, HS_WALKTHROUGH_ERROR_MISSING_FIELD, "step “nhap-otp”", "“type.field”" },
  { "type-field-too-small", "steps[8].type.field.height", "32", HS_WALKTHROUGH_ERROR_TARGET_TOO_SMALL, "step “nhap-otp”", "“type.field”" },
  { "type-field-outside", "steps[8].type.field.x", "60", HS_WALKTHROUGH_ERROR_TARGET_OUTSIDE, "step “nhap-otp”", "“type.field”" },
  { "type-expected-missing", "steps[8].type.expected", NULL, HS_WALKTHROUGH_ERROR_MISSING_FIELD, "step “nhap-otp”", "“type.expected”" },
  { "type-expected-only-separators", "steps[3].type.expected", "\" . - \"", HS_WALKTHROUGH_ERROR_INVALID_FIELD, "step “nhap-so-dinh-danh”", "“type.expected”" },
  { "type-value-not-shown", "steps[8].type.label", "\"Nhập mã OTP trong tin nhắn\"", HS_WALKTHROUGH_ERROR_VALUE_NOT_SHOWN, "step “nhap-otp”", "246810" },
  { "type-flag-not-boolean", "steps[8].type.masked", "\"yes\"", HS_WALKTHROUGH_ERROR_INVALID_FIELD, "step “nhap-otp”", "“type.masked”" },
  { "choice-not-object", "steps[6].choice", "[]", HS_WALKTHROUGH_ERROR_INVALID_FIELD, "step “tin-nhan-la”", "“choice”" },
  { "choice-options-missing", "steps[6].choice.options", NULL, HS_WALKTHROUGH_ERROR_MISSING_FIELD, "step “tin-nhan-la”", "“choice.options”" },
  { "choice-one-option", "steps[6].choice.options", "[ { \"id\": \"b\", \"text\": \"Không trả lời\", \"correct\": true } ]",
    HS_WALKTHROUGH_ERROR_TOO_FEW, "step “tin-nhan-la”", "“choice.options”" },
  { "choice-option-id-duplicate", "steps[6].choice.options[2].id", "\"a\"", HS_WALKTHROUGH_ERROR_DUPLICATE_ID, "step “tin-nhan-la”", "“choice.options[2].id”" },
  { "choice-option-text-missing", "steps[6].choice.options[2].text", NULL, HS_WALKTHROUGH_ERROR_MISSING_FIELD, "step “tin-nhan-la”", "“choice.options[2].text”" },
  { "choice-no-correct", "steps[6].choice.options[1].correct", "false", HS_WALKTHROUGH_ERROR_ANSWER_KEY, "step “tin-nhan-la”", "has 0" },
  { "choice-two-correct", "steps[6].choice.options[2].correct", "true", HS_WALKTHROUGH_ERROR_ANSWER_KEY, "step “tin-nhan-la”", "has 2" },
  { "choice-correct-with-next", "steps[6].choice.options[1].next", "\"canh-bao-otp\"", HS_WALKTHROUGH_ERROR_INVALID_FIELD, "step “tin-nhan-la”", "“choice.options[1].next”" },
  { "choice-option-next-unknown", "steps[6].choice.options[0].next", "\"canh-bao\"", HS_WALKTHROUGH_ERROR_UNKNOWN_STEP, "step “tin-nhan-la”", "“choice.options[0].next”" },
  { "choice-option-next-end", "steps[6].choice.options[0].next", "\"end\"", HS_WALKTHROUGH_ERROR_INVALID_FIELD, "step “tin-nhan-la”", "“choice.options[0].next”" },
  /* The scam link now leads to the other warning: nothing leads to the
   * first any more. */
  { "step-unreachable", "steps[0].branches[0].next", "\"canh-bao-otp\"", HS_WALKTHROUGH_ERROR_UNREACHABLE, "step “canh-bao-link” (steps[1])", "mo-ung-dung" },
  { "step-unreachable-start", "start", "\"chon-kich-hoat\"", HS_WALKTHROUGH_ERROR_UNREACHABLE, "step “mo-ung-dung” (steps[0])", "chon-kich-hoat" },
  { "screen-unreachable", "screens[11]", "{ \"id\": \"thua\", \"image\": \"screens/hoan-tat.svg\", \"alt\": \"Thừa.\" }",
    HS_WALKTHROUGH_ERROR_UNREACHABLE, "screen “thua” (screens[11])", NULL },
  /* Doing everything right goes back to the start, for ever. */
  { "dead-end-circle", "steps[11].next", "\"mo-ung-dung\"", HS_WALKTHROUGH_ERROR_DEAD_END, "step “hoan-tat” (steps[11])",
    "mo-ung-dung → chon-kich-hoat → " },
  /* A warning step whose button leads back to itself. */
  { "dead-end-loop", "steps[7].next", "\"canh-bao-otp\"", HS_WALKTHROUGH_ERROR_DEAD_END, "step “canh-bao-otp” (steps[7])",
    "canh-bao-otp → canh-bao-otp" },
};

static void
test_field_case (gconstpointer data)
{
  const FieldCase *c = data;
  g_autofree char *text = mutate (c->path, c->value);

  assert_walkthrough_error (text, c->code, c->where, c->field);
}

static void
test_text_too_long (void)
{
  g_autofree char *long_text = g_strnfill (1001, 'a');
  g_autofree char *quoted = g_strdup_printf ("\"%s\"", long_text);
  g_autofree char *text = mutate ("steps[2].instruction", quoted);

  assert_walkthrough_error (text, HS_WALKTHROUGH_ERROR_INVALID_FIELD, "step “chon-kich-hoat”", "1000 characters");
}

/* A warning step may also lead on instead of back; a branch may lead to a
 * step on the right flow. */
static void
test_branch_shapes (void)
{
  g_autofree char *onward = mutate ("steps[7].next", "\"nhap-otp\"");
  g_autofree char *narrated = mutate ("steps[2].narration", "\"am-thanh/a.ogg\"");
  g_autoptr(HsWalkthrough) walkthrough = parse_good (onward);
  g_autoptr(HsWalkthrough) with_audio = parse_good (narrated);

  g_assert_false (hs_walkthrough_step_is_scored (walkthrough, "canh-bao-otp"));
  assert_outcome (walkthrough, "canh-bao-otp", "{\"tap\": {\"x\": 180, \"y\": 630}}", HS_WALKTHROUGH_OUTCOME_RIGHT, "nhap-otp");
  g_assert_cmpuint (hs_walkthrough_get_n_steps (with_audio), ==, 12);
}

static void
test_check_tap (void)
{
  g_autoptr(HsWalkthrough) walkthrough = parse_good (good_json);
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *text = NULL;
  HsWalkthroughCheck result;

  assert_outcome (walkthrough, "mo-ung-dung", "{\"tap\": {\"x\": 180, \"y\": 390}}", HS_WALKTHROUGH_OUTCOME_RIGHT, "chon-kich-hoat");
  /* Edges belong to the target; fractions are fine. */
  assert_outcome (walkthrough, "mo-ung-dung", "{\"tap\": {\"x\": 132, \"y\": 450}}", HS_WALKTHROUGH_OUTCOME_RIGHT, "chon-kich-hoat");
  assert_outcome (walkthrough, "mo-ung-dung", "{\"tap\": {\"x\": 131.5, \"y\": 390}}", HS_WALKTHROUGH_OUTCOME_MISS, NULL);
  assert_outcome (walkthrough, "mo-ung-dung", "{\"tap\": {\"x\": 60, \"y\": 250}}", HS_WALKTHROUGH_OUTCOME_MISS, NULL);
  /* Off the screen is a miss, not an error. */
  assert_outcome (walkthrough, "mo-ung-dung", "{\"tap\": {\"x\": -20, \"y\": 9000}}", HS_WALKTHROUGH_OUTCOME_MISS, NULL);

  result = check (walkthrough, "mo-ung-dung", "{\"tap\": {\"x\": 100, \"y\": 90}}");
  g_assert_cmpint (result.outcome, ==, HS_WALKTHROUGH_OUTCOME_BRANCH);
  g_assert_cmpstr (result.branch, ==, "link-nhan-qua");
  g_assert_cmpstr (result.next, ==, "canh-bao-link");
  g_assert_nonnull (strstr (result.feedback, "lừa đảo"));
  node = hs_walkthrough_check_to_json (&result);
  text = json_to_string (node, FALSE);
  g_assert_cmpstr (text, ==,
                   "{\"outcome\":\"branch\",\"next\":\"canh-bao-link\",\"branch\":\"link-nhan-qua\","
                   "\"feedback\":\"Tin nhắn hứa tặng quà để bạn cài ứng dụng theo đường link là lừa đảo.\"}");
  g_clear_pointer (&node, json_node_unref);
  g_clear_pointer (&text, g_free);

  result = check (walkthrough, "hoan-tat", "{\"tap\": {\"x\": 180, \"y\": 632}}");
  node = hs_walkthrough_check_to_json (&result);
  text = json_to_string (node, FALSE);
  g_assert_cmpstr (text, ==, "{\"outcome\":\"right\",\"next\":\"end\"}");
  g_clear_pointer (&node, json_node_unref);
  g_clear_pointer (&text, g_free);

  result = check (walkthrough, "hoan-tat", "{\"tap\": {\"x\": 180, \"y\": 100}}");
  node = hs_walkthrough_check_to_json (&result);
  text = json_to_string (node, FALSE);
  g_assert_cmpstr (text, ==, "{\"outcome\":\"miss\"}");
}

static void
assert_typed (HsWalkthrough        *walkthrough,
              const char           *step_id,
              const char           *typed,
              HsWalkthroughOutcome  outcome,
              HsWalkthroughGuard    guard)
{
  g_autofree char *action = type_action (typed);
  HsWalkthroughCheck result = check (walkthrough, step_id, action);

  if (result.outcome != outcome || result.guard != guard)
    g_error ("%s “%s”: expected %s/%s, got %s/%s", step_id, typed,
             hs_walkthrough_outcome_to_string (outcome), hs_walkthrough_guard_to_string (guard),
             hs_walkthrough_outcome_to_string (result.outcome), hs_walkthrough_guard_to_string (result.guard));
  if (outcome == HS_WALKTHROUGH_OUTCOME_RIGHT)
    g_assert_cmpstr (result.next, ==, hs_walkthrough_get_step_next (walkthrough, step_id));
  else
    g_assert_null (result.next);
}

static void
test_check_type (void)
{
  g_autoptr(HsWalkthrough) walkthrough = parse_good (good_json);
  g_autofree char *nfd = g_utf8_normalize ("Nguyễn Thị Lan", -1, G_NORMALIZE_NFD);
  g_autofree char *with_name = NULL;
  g_autoptr(HsWalkthrough) named = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *text = NULL;
  HsWalkthroughCheck result;

  /* Spaces are ignored by default; dots and dashes when the step says so. */
  assert_typed (walkthrough, "nhap-so-dinh-danh", "001099012345", HS_WALKTHROUGH_OUTCOME_RIGHT, HS_WALKTHROUGH_GUARD_NONE);
  assert_typed (walkthrough, "nhap-so-dinh-danh", " 001 099 012 345 ", HS_WALKTHROUGH_OUTCOME_RIGHT, HS_WALKTHROUGH_GUARD_NONE);
  assert_typed (walkthrough, "nhap-so-dinh-danh", "001.099.012.345", HS_WALKTHROUGH_OUTCOME_RIGHT, HS_WALKTHROUGH_GUARD_NONE);
  assert_typed (walkthrough, "nhap-so-dien-thoai", "0912345678", HS_WALKTHROUGH_OUTCOME_RIGHT, HS_WALKTHROUGH_GUARD_NONE);
  assert_typed (walkthrough, "nhap-so-dien-thoai", "0912-345-678", HS_WALKTHROUGH_OUTCOME_RIGHT, HS_WALKTHROUGH_GUARD_NONE);
  /* Without ignore_separators a dot counts. */
  assert_typed (walkthrough, "nhap-otp", "246 810", HS_WALKTHROUGH_OUTCOME_RIGHT, HS_WALKTHROUGH_GUARD_NONE);
  assert_typed (walkthrough, "nhap-otp", "246.810", HS_WALKTHROUGH_OUTCOME_MISS, HS_WALKTHROUGH_GUARD_NONE);
  /* A password: case and spaces count. */
  assert_typed (walkthrough, "dat-mat-khau", "Hocso@2026", HS_WALKTHROUGH_OUTCOME_RIGHT, HS_WALKTHROUGH_GUARD_NONE);
  assert_typed (walkthrough, "dat-mat-khau", "hocso@2026", HS_WALKTHROUGH_OUTCOME_MISS, HS_WALKTHROUGH_GUARD_NONE);
  assert_typed (walkthrough, "dat-mat-khau", "Hocso @2026", HS_WALKTHROUGH_OUTCOME_MISS, HS_WALKTHROUGH_GUARD_NONE);
  assert_typed (walkthrough, "dat-mat-khau", "", HS_WALKTHROUGH_OUTCOME_MISS, HS_WALKTHROUGH_GUARD_NONE);

  /* A slip on the sample is a miss; another sample value is a miss. */
  assert_typed (walkthrough, "nhap-so-dinh-danh", "001099012354", HS_WALKTHROUGH_OUTCOME_MISS, HS_WALKTHROUGH_GUARD_NONE);
  assert_typed (walkthrough, "nhap-so-dinh-danh", "0912 345 678", HS_WALKTHROUGH_OUTCOME_MISS, HS_WALKTHROUGH_GUARD_NONE);
  assert_typed (walkthrough, "dat-passcode", "246810", HS_WALKTHROUGH_OUTCOME_MISS, HS_WALKTHROUGH_GUARD_NONE);

  /* Real-looking data stops the learner, whatever the field. */
  assert_typed (walkthrough, "nhap-so-dinh-danh", REAL_ID, HS_WALKTHROUGH_OUTCOME_GUARD, HS_WALKTHROUGH_GUARD_CITIZEN_ID);
  assert_typed (walkthrough, "nhap-so-dien-thoai", "0987 654 321", HS_WALKTHROUGH_OUTCOME_GUARD, HS_WALKTHROUGH_GUARD_PHONE);
  assert_typed (walkthrough, "nhap-otp", REAL_OTP, HS_WALKTHROUGH_OUTCOME_GUARD, HS_WALKTHROUGH_GUARD_OTP);
  assert_typed (walkthrough, "dat-mat-khau", "Lan" REAL_OTP, HS_WALKTHROUGH_OUTCOME_GUARD, HS_WALKTHROUGH_GUARD_OTP);

  result = check (walkthrough, "nhap-so-dinh-danh", "{\"text\": \"" REAL_ID "\"}");
  node = hs_walkthrough_check_to_json (&result);
  text = json_to_string (node, FALSE);
  g_assert_nonnull (strstr (text, "\"outcome\":\"guard\""));
  g_assert_nonnull (strstr (text, "\"guard\":\"citizen_id\""));
  g_assert_nonnull (strstr (text, hs_walkthrough_guard_get_message (HS_WALKTHROUGH_GUARD_CITIZEN_ID)));
  /* What was typed is never echoed. */
  g_assert_null (strstr (text, REAL_ID));

  /* Case and marks, when the step ignores them; NFD typing matches. */
  with_name = mutate ("steps[9].type",
                      "{ \"field\": { \"x\": 24, \"y\": 260, \"width\": 312, \"height\": 56 },"
                      "  \"expected\": \"Nguyễn Thị Lan\", \"label\": \"Gõ tên mẫu: Nguyễn Thị Lan\","
                      "  \"ignore_diacritics\": true, \"ignore_spaces\": false }");
  named = parse_good (with_name);
  assert_typed (named, "dat-mat-khau", "nguyen thi lan", HS_WALKTHROUGH_OUTCOME_RIGHT, HS_WALKTHROUGH_GUARD_NONE);
  assert_typed (named, "dat-mat-khau", "  NGUYỄN   THỊ LAN ", HS_WALKTHROUGH_OUTCOME_RIGHT, HS_WALKTHROUGH_GUARD_NONE);
  assert_typed (named, "dat-mat-khau", nfd, HS_WALKTHROUGH_OUTCOME_RIGHT, HS_WALKTHROUGH_GUARD_NONE);
  assert_typed (named, "dat-mat-khau", "nguyenthilan", HS_WALKTHROUGH_OUTCOME_MISS, HS_WALKTHROUGH_GUARD_NONE);
  assert_typed (named, "dat-mat-khau", "Nguyễn Thị Lâm", HS_WALKTHROUGH_OUTCOME_MISS, HS_WALKTHROUGH_GUARD_NONE);
}

static void
test_check_choice (void)
{
  g_autoptr(HsWalkthrough) walkthrough = parse_good (good_json);
  HsWalkthroughCheck result;

  result = check (walkthrough, "tin-nhan-la", "{\"choice\": \"b\"}");
  g_assert_cmpint (result.outcome, ==, HS_WALKTHROUGH_OUTCOME_RIGHT);
  g_assert_cmpstr (result.next, ==, "nhap-otp");
  g_assert_nonnull (strstr (result.feedback, "Đúng"));

  result = check (walkthrough, "tin-nhan-la", "{\"choice\": \"a\"}");
  g_assert_cmpint (result.outcome, ==, HS_WALKTHROUGH_OUTCOME_BRANCH);
  g_assert_cmpstr (result.branch, ==, "a");
  g_assert_cmpstr (result.next, ==, "canh-bao-otp");
  g_assert_nonnull (strstr (result.feedback, "OTP"));

  result = check (walkthrough, "tin-nhan-la", "{\"choice\": \"c\", \"other\": 1}");
  g_assert_cmpint (result.outcome, ==, HS_WALKTHROUGH_OUTCOME_MISS);
  g_assert_null (result.next);
  g_assert_null (result.branch);
  g_assert_nonnull (strstr (result.feedback, "Công an"));
}

static void
test_check_invalid (void)
{
  const struct {
    const char *step;
    const char *action;
    const char *named;
  } cases[] = {
    { "mo-ung-dung", "[1, 2]", "object" },
    { "mo-ung-dung", "{\"text\": \"001099012345\"}", "tap" },
    { "mo-ung-dung", "{\"tap\": {\"x\": 10}}", "“y”" },
    { "mo-ung-dung", "{\"tap\": {\"x\": \"10\", \"y\": 10}}", "“x”" },
    { "mo-ung-dung", "{\"tap\": [10, 10]}", "tap" },
    { "nhap-otp", "{\"tap\": {\"x\": 10, \"y\": 10}}", "text" },
    { "nhap-otp", "{\"text\": 246810}", "text" },
    { "tin-nhan-la", "{\"choice\": \"d\"}", "“d”" },
    { "tin-nhan-la", "{\"choice\": [\"b\"]}", "choice" },
  };
  g_autoptr(HsWalkthrough) walkthrough = parse_good (good_json);
  g_autofree char *long_text = g_strnfill (1001, '7');
  g_autofree char *long_action = type_action (long_text);
  g_autoptr(JsonNode) long_node = json (long_action);
  g_autoptr(JsonNode) right = json ("{\"choice\": \"b\"}");
  g_autoptr(GError) error = NULL;
  HsWalkthroughCheck result;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonNode) node = json (cases[i].action);

      g_assert_false (hs_walkthrough_check (walkthrough, cases[i].step, node, &result, &error));
      g_assert_error (error, HS_WALKTHROUGH_ERROR, HS_WALKTHROUGH_ERROR_INVALID_ACTION);
      if (strstr (error->message, cases[i].named) == NULL || strstr (error->message, cases[i].step) == NULL)
        g_error ("the message “%s” does not name “%s” and “%s”", error->message, cases[i].named, cases[i].step);
      g_clear_error (&error);
    }

  g_assert_false (hs_walkthrough_check (walkthrough, "nhap-otp", long_node, &result, &error));
  g_assert_error (error, HS_WALKTHROUGH_ERROR, HS_WALKTHROUGH_ERROR_INVALID_ACTION);
  g_clear_error (&error);

  g_assert_false (hs_walkthrough_check (walkthrough, "khong-co", right, &result, &error));
  g_assert_error (error, HS_WALKTHROUGH_ERROR, HS_WALKTHROUGH_ERROR_UNKNOWN_STEP);
  g_assert_nonnull (strstr (error->message, "khong-co"));
  g_clear_error (&error);

  g_assert_false (hs_walkthrough_check (walkthrough, "tin-nhan-la", NULL, &result, &error));
  g_assert_error (error, HS_WALKTHROUGH_ERROR, HS_WALKTHROUGH_ERROR_INVALID_ACTION);
}

typedef struct {
  const char         *text;
  HsWalkthroughGuard  guard;
} GuardCase;

static const GuardCase guard_cases[] = {
  /* Citizen ID numbers: 12 digits, however written. */
  { REAL_ID, HS_WALKTHROUGH_GUARD_CITIZEN_ID },
  { "079 203 004 567", HS_WALKTHROUGH_GUARD_CITIZEN_ID },
  { "079.203.004.567", HS_WALKTHROUGH_GUARD_CITIZEN_ID },
  { "079-203-004-567", HS_WALKTHROUGH_GUARD_CITIZEN_ID },
  { "0792 0300 4567", HS_WALKTHROUGH_GUARD_CITIZEN_ID },
  { "079 - 203 - 004 - 567", HS_WALKTHROUGH_GUARD_CITIZEN_ID },
  { "079\xc2\xa0" "203\xc2\xa0" "004\xc2\xa0" "567", HS_WALKTHROUGH_GUARD_CITIZEN_ID },        /* no-break spaces */
  { "079\xe2\x80\x93" "203\xe2\x80\x93" "004\xe2\x80\x93" "567", HS_WALKTHROUGH_GUARD_CITIZEN_ID }, /* en dashes */
  { "\xef\xbc\x90\xef\xbc\x97\xef\xbc\x99\xef\xbc\x92\xef\xbc\x90\xef\xbc\x93"
    "\xef\xbc\x90\xef\xbc\x90\xef\xbc\x94\xef\xbc\x95\xef\xbc\x96\xef\xbc\x97", HS_WALKTHROUGH_GUARD_CITIZEN_ID }, /* full width */
  { "CCCD của tôi: " REAL_ID " nhé", HS_WALKTHROUGH_GUARD_CITIZEN_ID },
  { "so" REAL_ID, HS_WALKTHROUGH_GUARD_CITIZEN_ID },
  { "079 203 004 567 8", HS_WALKTHROUGH_GUARD_CITIZEN_ID },  /* groups are read left to right */
  /* Mobile numbers: 10 digits from 0, or +84. */
  { REAL_PHONE, HS_WALKTHROUGH_GUARD_PHONE },
  { "0987 654 321", HS_WALKTHROUGH_GUARD_PHONE },
  { "0987.654.321", HS_WALKTHROUGH_GUARD_PHONE },
  { "098-765-4321", HS_WALKTHROUGH_GUARD_PHONE },
  { "+84 987 654 321", HS_WALKTHROUGH_GUARD_PHONE },
  { "+84987654321", HS_WALKTHROUGH_GUARD_PHONE },
  { "84987654321", HS_WALKTHROUGH_GUARD_PHONE },
  { "(+84) 987-654-321", HS_WALKTHROUGH_GUARD_PHONE },
  { "+84 0987 654 321", HS_WALKTHROUGH_GUARD_PHONE },
  { "Gọi 0387654321 giúp tôi", HS_WALKTHROUGH_GUARD_PHONE },
  /* One-time codes: 6 digits. */
  { REAL_OTP, HS_WALKTHROUGH_GUARD_OTP },
  { "582 931", HS_WALKTHROUGH_GUARD_OTP },
  { "582-931", HS_WALKTHROUGH_GUARD_OTP },
  { "Mã OTP: " REAL_OTP, HS_WALKTHROUGH_GUARD_OTP },
  { "000000", HS_WALKTHROUGH_GUARD_OTP },
  /* The sample values, also mistyped or in another form, pass. */
  { "001099012345", HS_WALKTHROUGH_GUARD_NONE },
  { "001 099 012 345", HS_WALKTHROUGH_GUARD_NONE },
  { "001099012354", HS_WALKTHROUGH_GUARD_NONE },
  { "001099012355", HS_WALKTHROUGH_GUARD_NONE },
  { "0912345678", HS_WALKTHROUGH_GUARD_NONE },
  { "0912.345.678", HS_WALKTHROUGH_GUARD_NONE },
  { "+84 912 345 678", HS_WALKTHROUGH_GUARD_NONE },
  { "246810", HS_WALKTHROUGH_GUARD_NONE },
  { "246 801", HS_WALKTHROUGH_GUARD_NONE },
  { "135790", HS_WALKTHROUGH_GUARD_NONE },
  { "Hocso@2026", HS_WALKTHROUGH_GUARD_NONE },
  /* Ordinary text passes. */
  { "", HS_WALKTHROUGH_GUARD_NONE },
  { "Nguyễn Thị Lan", HS_WALKTHROUGH_GUARD_NONE },
  { "Trường Mầm non Tam Hưng A", HS_WALKTHROUGH_GUARD_NONE },
  { "Tôi 45 tuổi, có 2 con", HS_WALKTHROUGH_GUARD_NONE },
  { "Ngày 10/10/2025", HS_WALKTHROUGH_GUARD_NONE },
  { "12/05/1980", HS_WALKTHROUGH_GUARD_NONE },
  { "Chuyển 500.000 đồng", HS_WALKTHROUGH_GUARD_NONE },
  { "1.500.000đ", HS_WALKTHROUGH_GUARD_NONE },
  { "Phòng 301, tầng 2", HS_WALKTHROUGH_GUARD_NONE },
  { "12345", HS_WALKTHROUGH_GUARD_NONE },
  { "1234567", HS_WALKTHROUGH_GUARD_NONE },
  { "Mk@2024", HS_WALKTHROUGH_GUARD_NONE },
  /* Shapes that are no number of the three kinds. */
  { "09876543210", HS_WALKTHROUGH_GUARD_NONE },          /* 11 digits from 0 */
  { "0012345678", HS_WALKTHROUGH_GUARD_NONE },           /* 00 is no mobile prefix */
  { "1234567890", HS_WALKTHROUGH_GUARD_NONE },           /* 10 digits, not from 0 */
  { "0792030045678", HS_WALKTHROUGH_GUARD_NONE },        /* 13 digits */
  { "079    203004567", HS_WALKTHROUGH_GUARD_NONE },     /* too far apart to be one number */
  /* Two numbers: the sample passes, the real one behind it does not. */
  { "001099012345 " REAL_PHONE, HS_WALKTHROUGH_GUARD_PHONE },
  { "0912 345 678 " REAL_OTP, HS_WALKTHROUGH_GUARD_OTP },
  { REAL_OTP ", " REAL_ID, HS_WALKTHROUGH_GUARD_OTP },
};

static void
test_guard_case (gconstpointer data)
{
  const GuardCase *c = data;
  g_autoptr(HsWalkthrough) walkthrough = parse_good (good_json);
  HsWalkthroughGuard guard = hs_walkthrough_guard_check (c->text, hs_walkthrough_get_invented_values (walkthrough));

  if (guard != c->guard)
    g_error ("“%s”: expected %s, got %s", c->text,
             hs_walkthrough_guard_to_string (c->guard), hs_walkthrough_guard_to_string (guard));
}

static void
test_guard_rules (void)
{
  const char * const own[] = { "Mã mẫu: 582931", NULL };
  const char * const none[] = { NULL };

  /* With no invented values the samples themselves look real. */
  g_assert_cmpint (hs_walkthrough_guard_check ("001099012345", NULL), ==, HS_WALKTHROUGH_GUARD_CITIZEN_ID);
  g_assert_cmpint (hs_walkthrough_guard_check ("0912 345 678", none), ==, HS_WALKTHROUGH_GUARD_PHONE);
  /* Numbers inside an invented value count as invented. */
  g_assert_cmpint (hs_walkthrough_guard_check (REAL_OTP, own), ==, HS_WALKTHROUGH_GUARD_NONE);
  g_assert_cmpint (hs_walkthrough_guard_check ("582913", own), ==, HS_WALKTHROUGH_GUARD_NONE);
  /* Three edits are not a slip. */
  g_assert_cmpint (hs_walkthrough_guard_check ("582000", own), ==, HS_WALKTHROUGH_GUARD_OTP);
  /* Invalid UTF-8 is read, not refused. */
  g_assert_cmpint (hs_walkthrough_guard_check ("\xff" REAL_ID, NULL), ==, HS_WALKTHROUGH_GUARD_CITIZEN_ID);

  g_assert_null (hs_walkthrough_guard_get_message (HS_WALKTHROUGH_GUARD_NONE));
  for (HsWalkthroughGuard guard = HS_WALKTHROUGH_GUARD_CITIZEN_ID; guard <= HS_WALKTHROUGH_GUARD_OTP; guard++)
    {
      const char *message = hs_walkthrough_guard_get_message (guard);

      g_assert_nonnull (message);
      g_assert_nonnull (strstr (message, "stranger"));
    }
  g_assert_cmpstr (hs_walkthrough_guard_to_string (HS_WALKTHROUGH_GUARD_CITIZEN_ID), ==, "citizen_id");
  g_assert_cmpstr (hs_walkthrough_guard_to_string (HS_WALKTHROUGH_GUARD_PHONE), ==, "phone");
  g_assert_cmpstr (hs_walkthrough_guard_to_string (HS_WALKTHROUGH_GUARD_OTP), ==, "otp");
}

static void
test_hint_rule (void)
{
  HsWalkthroughMode mode;

  for (guint misses = 0; misses < 5; misses++)
    {
      g_assert_true (hs_walkthrough_mode_shows_hint (HS_WALKTHROUGH_MODE_WATCH, misses));
      g_assert_cmpint (hs_walkthrough_mode_shows_hint (HS_WALKTHROUGH_MODE_TRY, misses), ==, misses >= 2);
      g_assert_false (hs_walkthrough_mode_shows_hint (HS_WALKTHROUGH_MODE_TEST, misses));
    }
  g_assert_true (hs_walkthrough_mode_from_string ("test", &mode));
  g_assert_cmpint (mode, ==, HS_WALKTHROUGH_MODE_TEST);
  g_assert_cmpstr (hs_walkthrough_mode_to_string (HS_WALKTHROUGH_MODE_TRY), ==, "try");
  g_assert_false (hs_walkthrough_mode_from_string ("Test", &mode));
  g_assert_false (hs_walkthrough_mode_from_string (NULL, &mode));

  g_assert_true (hs_walkthrough_passes (0.8, 0.8));
  g_assert_true (hs_walkthrough_passes (4.0 / 5.0, 0.8));
  g_assert_false (hs_walkthrough_passes (0.79, 0.8));
  g_assert_false (hs_walkthrough_passes (NAN, 0));
}

/* Member names anywhere in @node. */
static void
collect_members (JsonNode   *node,
                 GHashTable *names)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      g_autoptr(GList) members = json_object_get_members (json_node_get_object (node));

      for (GList *l = members; l != NULL; l = l->next)
        {
          g_hash_table_add (names, g_strdup (l->data));
          collect_members (json_object_get_member (json_node_get_object (node), l->data), names);
        }
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        collect_members (json_array_get_element (array, i), names);
    }
}

static void
test_public_json (void)
{
  static const char * const never[] = { "branches", "feedback", "correct", "expected", "tap", NULL };
  static const char * const not_in_test[] = { "target", "answer", "hint", "value", "next", NULL };
  g_autoptr(HsWalkthrough) walkthrough = parse_good (good_json);
  g_autoptr(JsonNode) top = hs_walkthrough_to_public_json (walkthrough, HS_WALKTHROUGH_MODE_TRY);
  g_autoptr(JsonNode) top_test = hs_walkthrough_to_public_json (walkthrough, HS_WALKTHROUGH_MODE_TEST);
  JsonObject *object;

  object = json_node_get_object (top);
  g_assert_cmpstr (json_object_get_string_member (object, "mode"), ==, "try");
  g_assert_cmpstr (json_object_get_string_member (object, "start"), ==, "mo-ung-dung");
  g_assert_cmpint (json_object_get_int_member (object, "steps"), ==, 10);
  g_assert_cmpint (json_object_get_int_member (object, "hint_after"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (object, "device"), "width"), ==, 360);
  g_assert_false (json_object_has_member (json_node_get_object (top_test), "hint_after"));
  /* The demo's smallest target is 56 px high (the buttons and fields). */
  g_assert_cmpfloat (json_object_get_double_member (object, "min_target"), ==, 56);
  g_assert_cmpfloat (json_object_get_double_member (json_node_get_object (top_test), "min_target"), ==, 56);

  for (guint i = 0; i < hs_walkthrough_get_n_steps (walkthrough); i++)
    {
      const char *step_id = hs_walkthrough_get_step_id (walkthrough, i);

      for (HsWalkthroughMode mode = HS_WALKTHROUGH_MODE_WATCH; mode <= HS_WALKTHROUGH_MODE_TEST; mode++)
        {
          g_autoptr(JsonNode) node = hs_walkthrough_step_to_public_json (walkthrough, step_id, mode);
          g_autoptr(GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
          JsonObject *screen;

          collect_members (node, names);
          for (guint k = 0; never[k] != NULL; k++)
            if (g_hash_table_contains (names, never[k]))
              g_error ("%s (%s) shows “%s”", step_id, hs_walkthrough_mode_to_string (mode), never[k]);
          for (guint k = 0; mode == HS_WALKTHROUGH_MODE_TEST && not_in_test[k] != NULL; k++)
            if (g_hash_table_contains (names, not_in_test[k]))
              g_error ("%s in Test mode shows “%s”", step_id, not_in_test[k]);

          object = json_node_get_object (node);
          g_assert_cmpstr (json_object_get_string_member (object, "id"), ==, step_id);
          g_assert_nonnull (json_object_get_string_member (object, "instruction"));
          screen = json_object_get_object_member (object, "screen");
          g_assert_cmpstr (json_object_get_string_member (screen, "id"), ==,
                           hs_walkthrough_get_step_screen (walkthrough, step_id));
          g_assert_true (g_str_has_prefix (json_object_get_string_member (screen, "image"), "screens/"));
          g_assert_nonnull (json_object_get_string_member (screen, "alt"));
          g_assert_true (json_object_has_member (screen, "hotspots"));
          g_assert_cmpint (json_object_has_member (object, "position"), ==,
                           hs_walkthrough_step_is_scored (walkthrough, step_id));
        }
    }

  /* Watch and Try show the way; Test keeps it. */
  {
    g_autoptr(JsonNode) watch = hs_walkthrough_step_to_public_json (walkthrough, "mo-ung-dung", HS_WALKTHROUGH_MODE_WATCH);
    g_autoptr(JsonNode) try = hs_walkthrough_step_to_public_json (walkthrough, "mo-ung-dung", HS_WALKTHROUGH_MODE_TRY);
    g_autoptr(JsonNode) test = hs_walkthrough_step_to_public_json (walkthrough, "mo-ung-dung", HS_WALKTHROUGH_MODE_TEST);
    JsonObject *target = json_object_get_object_member (json_node_get_object (try), "target");

    g_assert_cmpfloat (json_object_get_double_member (target, "x"), ==, 132);
    g_assert_cmpfloat (json_object_get_double_member (target, "height"), ==, 120);
    g_assert_cmpstr (json_object_get_string_member (json_node_get_object (try), "action"), ==, "tap");
    g_assert_nonnull (json_object_get_string_member (json_node_get_object (try), "hint"));
    g_assert_false (json_object_has_member (json_node_get_object (try), "next"));
    g_assert_cmpstr (json_object_get_string_member (json_node_get_object (watch), "next"), ==, "chon-kich-hoat");
    g_assert_true (json_object_has_member (json_node_get_object (watch), "target"));
    g_assert_cmpint (json_object_get_int_member (json_node_get_object (test), "position"), ==, 1);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (
      json_object_get_object_member (json_node_get_object (test), "screen"), "hotspots")), ==, 7);
  }
  {
    g_autoptr(JsonNode) try = hs_walkthrough_step_to_public_json (walkthrough, "tin-nhan-la", HS_WALKTHROUGH_MODE_TRY);
    g_autoptr(JsonNode) test = hs_walkthrough_step_to_public_json (walkthrough, "tin-nhan-la", HS_WALKTHROUGH_MODE_TEST);
    g_autofree char *test_text = json_to_string (test, FALSE);
    JsonArray *options = json_object_get_array_member (json_node_get_object (test), "options");

    g_assert_cmpstr (json_object_get_string_member (json_node_get_object (try), "answer"), ==, "b");
    g_assert_cmpuint (json_array_get_length (options), ==, 3);
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (options, 1), "text"), ==,
                     "Không trả lời số lạ, tự nhập mã vào ứng dụng");
    g_assert_cmpuint (json_object_get_size (json_array_get_object_element (options, 1)), ==, 2);
    g_assert_null (strstr (test_text, "Đúng"));
  }
  {
    g_autoptr(JsonNode) watch = hs_walkthrough_step_to_public_json (walkthrough, "dat-mat-khau", HS_WALKTHROUGH_MODE_WATCH);
    g_autoptr(JsonNode) test = hs_walkthrough_step_to_public_json (walkthrough, "dat-mat-khau", HS_WALKTHROUGH_MODE_TEST);
    JsonObject *object_test = json_node_get_object (test);

    g_assert_cmpstr (json_object_get_string_member (json_node_get_object (watch), "value"), ==, "Hocso@2026");
    g_assert_cmpstr (json_object_get_string_member (object_test, "action"), ==, "type");
    g_assert_cmpstr (json_object_get_string_member (object_test, "label"), ==, "Nhập mật khẩu mẫu: Hocso@2026");
    g_assert_true (json_object_get_boolean_member (object_test, "masked"));
    g_assert_cmpfloat (json_object_get_double_member (json_object_get_object_member (object_test, "field"), "y"), ==, 260);
  }

  g_assert_null (hs_walkthrough_step_to_public_json (walkthrough, "khong-co", HS_WALKTHROUGH_MODE_TRY));
}

/* Acts on the run's current step and checks the outcome. */
static void
act (HsWalkthroughRun     *run,
     const char           *action,
     HsWalkthroughOutcome  outcome)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = json (action);
  g_autofree char *at = g_strdup (hs_walkthrough_run_get_step (run));
  HsWalkthroughCheck result;

  g_assert_true (hs_walkthrough_run_act (run, node, &result, &error));
  g_assert_no_error (error);
  if (result.outcome != outcome)
    g_error ("%s %s: expected %s, got %s", at, action,
             hs_walkthrough_outcome_to_string (outcome), hs_walkthrough_outcome_to_string (result.outcome));
}

/* The right action for each step of the demo's right flow. */
static const char * const right_actions[] = {
  "{\"tap\": {\"x\": 180, \"y\": 390}}",
  "{\"tap\": {\"x\": 180, \"y\": 600}}",
  "{\"text\": \"001 099 012 345\"}",
  "{\"text\": \"0912345678\"}",
  "{\"tap\": {\"x\": 180, \"y\": 650}}",
  "{\"choice\": \"b\"}",
  "{\"text\": \"246810\"}",
  "{\"text\": \"Hocso@2026\"}",
  "{\"text\": \"135790\"}",
  "{\"tap\": {\"x\": 180, \"y\": 630}}",
};

static void
test_run_try (void)
{
  g_autoptr(HsWalkthrough) walkthrough = parse_good (good_json);
  g_autoptr(HsWalkthroughRun) run = hs_walkthrough_run_new (walkthrough, HS_WALKTHROUGH_MODE_TRY);

  g_assert_true (hs_walkthrough_run_get_walkthrough (run) == walkthrough);
  g_assert_cmpint (hs_walkthrough_run_get_mode (run), ==, HS_WALKTHROUGH_MODE_TRY);
  g_assert_cmpstr (hs_walkthrough_run_get_step (run), ==, "mo-ung-dung");
  g_assert_false (hs_walkthrough_run_shows_hint (run));

  /* Two misses, then the hint and the highlight. */
  act (run, "{\"tap\": {\"x\": 60, \"y\": 250}}", HS_WALKTHROUGH_OUTCOME_MISS);
  g_assert_cmpuint (hs_walkthrough_run_get_misses (run), ==, 1);
  g_assert_false (hs_walkthrough_run_shows_hint (run));
  act (run, "{\"tap\": {\"x\": 300, \"y\": 600}}", HS_WALKTHROUGH_OUTCOME_MISS);
  g_assert_true (hs_walkthrough_run_shows_hint (run));

  /* The scam link leads to the warning, which leads back; the misses on
   * the step are remembered. */
  act (run, "{\"tap\": {\"x\": 100, \"y\": 90}}", HS_WALKTHROUGH_OUTCOME_BRANCH);
  g_assert_cmpstr (hs_walkthrough_run_get_step (run), ==, "canh-bao-link");
  g_assert_cmpuint (hs_walkthrough_run_get_misses (run), ==, 0);
  g_assert_false (hs_walkthrough_run_shows_hint (run));
  act (run, "{\"tap\": {\"x\": 180, \"y\": 630}}", HS_WALKTHROUGH_OUTCOME_RIGHT);
  g_assert_cmpstr (hs_walkthrough_run_get_step (run), ==, "mo-ung-dung");
  g_assert_cmpuint (hs_walkthrough_run_get_misses (run), ==, 3);
  g_assert_true (hs_walkthrough_run_shows_hint (run));

  for (guint i = 0; i < G_N_ELEMENTS (right_actions); i++)
    {
      g_assert_cmpstr (hs_walkthrough_run_get_step (run), ==, demo_path[i]);
      /* The guard stops a real ID in Try mode too. */
      if (i == 2)
        act (run, "{\"text\": \"" REAL_ID "\"}", HS_WALKTHROUGH_OUTCOME_GUARD);
      act (run, right_actions[i], HS_WALKTHROUGH_OUTCOME_RIGHT);
    }

  g_assert_true (hs_walkthrough_run_is_finished (run));
  g_assert_null (hs_walkthrough_run_get_step (run));
  g_assert_cmpuint (hs_walkthrough_run_get_total_misses (run), ==, 4);
  g_assert_false (hs_walkthrough_run_shows_hint (run));
  /* Try is practice: no score, nothing passed. */
  g_assert_true (isnan (hs_walkthrough_run_get_score (run)));
  g_assert_false (hs_walkthrough_run_get_passed (run, NAN));
}

static void
test_run_test_perfect (void)
{
  g_autoptr(HsWalkthrough) walkthrough = parse_good (good_json);
  g_autoptr(HsWalkthroughRun) run = hs_walkthrough_run_new (walkthrough, HS_WALKTHROUGH_MODE_TEST);
  const char * const *visited;

  for (guint i = 0; i < G_N_ELEMENTS (right_actions); i++)
    {
      g_assert_false (hs_walkthrough_run_shows_hint (run));
      act (run, right_actions[i], HS_WALKTHROUGH_OUTCOME_RIGHT);
      /* Not passed before the end, however well it goes. */
      if (i + 1 < G_N_ELEMENTS (right_actions))
        g_assert_false (hs_walkthrough_run_get_passed (run, NAN));
    }

  visited = hs_walkthrough_run_get_visited (run);
  g_assert_cmpuint (g_strv_length ((char **) visited), ==, 10);
  for (guint i = 0; demo_path[i] != NULL; i++)
    g_assert_cmpstr (visited[i], ==, demo_path[i]);
  g_assert_cmpuint (hs_walkthrough_run_get_n_scored (run), ==, 10);
  g_assert_cmpuint (hs_walkthrough_run_get_n_right (run), ==, 10);
  g_assert_cmpfloat_with_epsilon (hs_walkthrough_run_get_score (run), 1, 1e-9);
  g_assert_true (hs_walkthrough_run_get_passed (run, NAN));
}

static JsonObject *
step_result (HsWalkthroughRun *run,
             const char       *step_id,
             JsonNode        **keep)
{
  *keep = hs_walkthrough_run_step_result_to_json (run, step_id);
  g_assert_nonnull (*keep);
  return json_node_get_object (*keep);
}

static void
test_run_test_mistakes (void)
{
  g_autoptr(HsWalkthrough) walkthrough = parse_good (good_json);
  g_autofree char *no_mark = mutate ("pass_mark", NULL);
  g_autoptr(HsWalkthrough) course_marked = parse_good (no_mark);
  g_autoptr(HsWalkthroughRun) run = hs_walkthrough_run_new (walkthrough, HS_WALKTHROUGH_MODE_TEST);
  g_autoptr(HsWalkthroughRun) run2 = hs_walkthrough_run_new (course_marked, HS_WALKTHROUGH_MODE_TEST);
  g_autoptr(JsonNode) keep = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) any = json ("{\"choice\": \"b\"}");
  g_autofree char *text = NULL;
  HsWalkthroughCheck result;
  JsonObject *object;

  for (guint r = 0; r < 2; r++)
    {
      HsWalkthroughRun *current = r == 0 ? run : run2;

      /* Falls for the scam link, is shown why, comes back. */
      act (current, "{\"tap\": {\"x\": 100, \"y\": 90}}", HS_WALKTHROUGH_OUTCOME_BRANCH);
      act (current, "{\"tap\": {\"x\": 180, \"y\": 630}}", HS_WALKTHROUGH_OUTCOME_RIGHT);
      for (guint i = 0; i < G_N_ELEMENTS (right_actions); i++)
        {
          g_assert_false (hs_walkthrough_run_shows_hint (current));
          /* Types a real ID; gives the OTP away; misses the passcode. */
          if (i == 2)
            act (current, "{\"text\": \"" REAL_ID "\"}", HS_WALKTHROUGH_OUTCOME_GUARD);
          if (i == 5)
            {
              act (current, "{\"choice\": \"a\"}", HS_WALKTHROUGH_OUTCOME_BRANCH);
              act (current, "{\"tap\": {\"x\": 180, \"y\": 100}}", HS_WALKTHROUGH_OUTCOME_MISS);
              act (current, "{\"tap\": {\"x\": 180, \"y\": 630}}", HS_WALKTHROUGH_OUTCOME_RIGHT);
              act (current, "{\"choice\": \"c\"}", HS_WALKTHROUGH_OUTCOME_MISS);
            }
          if (i == 8)
            act (current, "{\"text\": \"1357\"}", HS_WALKTHROUGH_OUTCOME_MISS);
          act (current, right_actions[i], HS_WALKTHROUGH_OUTCOME_RIGHT);
        }
      g_assert_true (hs_walkthrough_run_is_finished (current));

      /* The path taken has 12 steps; the two warnings are not scored. */
      g_assert_cmpuint (g_strv_length ((char **) hs_walkthrough_run_get_visited (current)), ==, 12);
      g_assert_cmpuint (hs_walkthrough_run_get_n_scored (current), ==, 10);
      g_assert_cmpuint (hs_walkthrough_run_get_n_right (current), ==, 6);
      g_assert_cmpfloat_with_epsilon (hs_walkthrough_run_get_score (current), 0.6, 1e-9);
    }

  /* The walkthrough's own pass mark wins over the course's. */
  g_assert_false (hs_walkthrough_run_get_passed (run, 0.5));
  g_assert_true (hs_walkthrough_run_get_passed (run2, 0.6));
  g_assert_false (hs_walkthrough_run_get_passed (run2, NAN));

  object = step_result (run, "mo-ung-dung", &keep);
  g_assert_true (json_object_get_boolean_member (object, "scored"));
  g_assert_false (json_object_get_boolean_member (object, "correct"));
  g_assert_true (json_object_get_boolean_member (object, "done"));
  g_assert_cmpint (json_object_get_int_member (object, "tries"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (object, "earned"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (object, "max_points"), ==, 1);
  text = json_to_string (json_object_get_member (object, "response"), FALSE);
  g_assert_cmpstr (text, ==, "{\"tap\":{\"x\":100.0,\"y\":90.0},\"outcome\":\"branch\"}");
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&keep, json_node_unref);

  object = step_result (run, "canh-bao-otp", &keep);
  g_assert_false (json_object_get_boolean_member (object, "scored"));
  g_assert_false (json_object_get_boolean_member (object, "correct"));
  g_assert_cmpint (json_object_get_int_member (object, "tries"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (object, "max_points"), ==, 0);
  g_clear_pointer (&keep, json_node_unref);

  object = step_result (run, "tin-nhan-la", &keep);
  g_assert_cmpint (json_object_get_int_member (object, "tries"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (object, "misses"), ==, 2);
  text = json_to_string (json_object_get_member (object, "response"), FALSE);
  g_assert_cmpstr (text, ==, "{\"choice\":\"a\",\"outcome\":\"branch\"}");
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&keep, json_node_unref);

  /* A real-looking ID is never recorded; the sample is. */
  object = step_result (run, "nhap-so-dinh-danh", &keep);
  text = json_to_string (keep, FALSE);
  g_assert_null (strstr (text, REAL_ID));
  g_assert_null (strstr (text, "079"));
  g_clear_pointer (&text, g_free);
  text = json_to_string (json_object_get_member (object, "response"), FALSE);
  g_assert_cmpstr (text, ==, "{\"text\":null,\"guard\":\"citizen_id\",\"outcome\":\"guard\"}");
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&keep, json_node_unref);

  object = step_result (run, "dat-passcode", &keep);
  text = json_to_string (json_object_get_member (object, "response"), FALSE);
  g_assert_cmpstr (text, ==, "{\"text\":null,\"outcome\":\"miss\"}");
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&keep, json_node_unref);

  object = step_result (run, "nhap-otp", &keep);
  g_assert_true (json_object_get_boolean_member (object, "correct"));
  g_assert_cmpint (json_object_get_int_member (object, "earned"), ==, 1);
  text = json_to_string (json_object_get_member (object, "response"), FALSE);
  g_assert_cmpstr (text, ==, "{\"text\":\"246810\",\"outcome\":\"right\"}");
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&keep, json_node_unref);

  g_assert_null (hs_walkthrough_run_step_result_to_json (run, "khong-co"));

  /* A finished run takes no more actions. */
  g_assert_false (hs_walkthrough_run_act (run, any, &result, &error));
  g_assert_error (error, HS_WALKTHROUGH_ERROR, HS_WALKTHROUGH_ERROR_INVALID_ACTION);
}

static void
test_run_state (void)
{
  g_autoptr(HsWalkthrough) walkthrough = parse_good (good_json);
  g_autoptr(HsWalkthroughRun) watch = hs_walkthrough_run_new (walkthrough, HS_WALKTHROUGH_MODE_WATCH);
  g_autoptr(HsWalkthroughRun) test = hs_walkthrough_run_new (walkthrough, HS_WALKTHROUGH_MODE_TEST);
  g_autoptr(JsonNode) bad = json ("{\"text\": \"246810\"}");
  g_autoptr(JsonNode) keep = NULL;
  g_autoptr(GError) error = NULL;
  HsWalkthroughCheck result;

  /* Watch shows the way from the start, and is never scored. */
  g_assert_true (hs_walkthrough_run_shows_hint (watch));
  g_assert_true (isnan (hs_walkthrough_run_get_score (watch)));

  /* An action that cannot be checked changes nothing. */
  g_assert_false (hs_walkthrough_run_act (test, bad, &result, &error));
  g_assert_error (error, HS_WALKTHROUGH_ERROR, HS_WALKTHROUGH_ERROR_INVALID_ACTION);
  g_assert_cmpstr (hs_walkthrough_run_get_step (test), ==, "mo-ung-dung");
  g_assert_cmpuint (hs_walkthrough_run_get_total_misses (test), ==, 0);
  keep = hs_walkthrough_run_step_result_to_json (test, "mo-ung-dung");
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (keep), "tries"), ==, 0);
  g_assert_true (json_object_get_null_member (json_node_get_object (keep), "response"));

  /* A shown step not yet done counts against a Test in progress. */
  g_assert_cmpuint (hs_walkthrough_run_get_n_scored (test), ==, 1);
  g_assert_cmpfloat_with_epsilon (hs_walkthrough_run_get_score (test), 0, 1e-9);
}

/* The results of a run's steps in the order reached, as a Test keeps them. */
static JsonArray *
saved_results (HsWalkthroughRun *run)
{
  const char * const *visited = hs_walkthrough_run_get_visited (run);
  JsonArray *results = json_array_new ();

  for (guint i = 0; visited[i] != NULL; i++)
    json_array_add_element (results, hs_walkthrough_run_step_result_to_json (run, visited[i]));
  return results;
}

static void
assert_same_run (HsWalkthroughRun *a,
                 HsWalkthroughRun *b)
{
  const char * const *visited = hs_walkthrough_run_get_visited (a);

  g_assert_cmpstr (hs_walkthrough_run_get_step (a), ==, hs_walkthrough_run_get_step (b));
  g_assert_cmpuint (hs_walkthrough_run_get_misses (a), ==, hs_walkthrough_run_get_misses (b));
  g_assert_cmpuint (hs_walkthrough_run_get_total_misses (a), ==, hs_walkthrough_run_get_total_misses (b));
  g_assert_cmpuint (hs_walkthrough_run_get_n_scored (a), ==, hs_walkthrough_run_get_n_scored (b));
  g_assert_cmpuint (hs_walkthrough_run_get_n_right (a), ==, hs_walkthrough_run_get_n_right (b));
  g_assert_cmpuint (hs_walkthrough_run_get_n_done (a), ==, hs_walkthrough_run_get_n_done (b));
  g_assert_cmpuint (g_strv_length ((char **) visited), ==, g_strv_length ((char **) hs_walkthrough_run_get_visited (b)));
  for (guint i = 0; visited[i] != NULL; i++)
    {
      g_autoptr(JsonNode) one = hs_walkthrough_run_step_result_to_json (a, visited[i]);
      g_autoptr(JsonNode) two = hs_walkthrough_run_step_result_to_json (b, visited[i]);

      g_assert_cmpstr (visited[i], ==, hs_walkthrough_run_get_visited (b)[i]);
      g_assert_true (json_node_equal (one, two));
    }
}

static void
test_run_resume (void)
{
  g_autoptr(HsWalkthrough) walkthrough = parse_good (good_json);
  g_autoptr(HsWalkthroughRun) run = hs_walkthrough_run_new (walkthrough, HS_WALKTHROUGH_MODE_TEST);
  g_autoptr(HsWalkthroughRun) again = NULL;
  g_autoptr(HsWalkthroughRun) restarted = NULL;
  g_autoptr(HsWalkthroughRun) ended = NULL;
  g_autoptr(JsonArray) results = NULL;
  g_autoptr(GError) error = NULL;

  act (run, "{\"tap\": {\"x\": 100, \"y\": 90}}", HS_WALKTHROUGH_OUTCOME_BRANCH);
  act (run, "{\"tap\": {\"x\": 180, \"y\": 630}}", HS_WALKTHROUGH_OUTCOME_RIGHT);
  act (run, right_actions[0], HS_WALKTHROUGH_OUTCOME_RIGHT);
  act (run, right_actions[1], HS_WALKTHROUGH_OUTCOME_RIGHT);
  act (run, "{\"text\": \"" REAL_ID "\"}", HS_WALKTHROUGH_OUTCOME_GUARD);

  /* Rebuilt from its results and step, the run is the same run, and goes
   * on the same way. */
  results = saved_results (run);
  again = hs_walkthrough_run_resume (walkthrough, HS_WALKTHROUGH_MODE_TEST, results, "nhap-so-dinh-danh", &error);
  g_assert_no_error (error);
  assert_same_run (run, again);
  for (guint i = 2; i < G_N_ELEMENTS (right_actions); i++)
    {
      act (run, right_actions[i], HS_WALKTHROUGH_OUTCOME_RIGHT);
      act (again, right_actions[i], HS_WALKTHROUGH_OUTCOME_RIGHT);
    }
  assert_same_run (run, again);
  g_assert_cmpfloat_with_epsilon (hs_walkthrough_run_get_score (again), 0.8, 1e-9);

  /* An unknown step (the course changed) starts over at the first step,
   * keeping what was done; results of steps it no longer has are left
   * out. */
  json_array_add_element (results, json ("{\"step\": \"buoc-cu\", \"scored\": true, \"tries\": 1,"
                                         " \"misses\": 0, \"done\": true, \"correct\": true,"
                                         " \"response\": {\"outcome\": \"right\"}}"));
  restarted = hs_walkthrough_run_resume (walkthrough, HS_WALKTHROUGH_MODE_TEST, results, "buoc-cu", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (hs_walkthrough_run_get_step (restarted), ==, "mo-ung-dung");
  g_assert_cmpuint (g_strv_length ((char **) hs_walkthrough_run_get_visited (restarted)), ==, 4);
  g_assert_cmpuint (hs_walkthrough_run_get_n_done (restarted), ==, 2);
  g_assert_cmpuint (hs_walkthrough_run_get_n_right (restarted), ==, 1);

  ended = hs_walkthrough_run_resume (walkthrough, HS_WALKTHROUGH_MODE_TEST, results, HS_WALKTHROUGH_END, &error);
  g_assert_no_error (error);
  g_assert_true (hs_walkthrough_run_is_finished (ended));

  /* A result that is not one is refused. */
  {
    const char * const broken[] = {
      "[1]",
      "[{\"tries\": 1, \"misses\": 0, \"done\": true, \"response\": null}]",
      "[{\"step\": \"mo-ung-dung\", \"tries\": -1, \"misses\": 0, \"done\": true, \"response\": null}]",
      "[{\"step\": \"mo-ung-dung\", \"tries\": 1, \"misses\": 0, \"done\": \"yes\", \"response\": null}]",
      "[{\"step\": \"mo-ung-dung\", \"tries\": 1, \"misses\": 0, \"done\": true, \"response\": null}]",
      "[{\"step\": \"mo-ung-dung\", \"tries\": 1, \"misses\": 0, \"done\": true,"
      "  \"response\": {\"outcome\": \"won\"}}]",
      "[{\"step\": \"mo-ung-dung\", \"tries\": 1, \"misses\": 0, \"done\": true}]",
    };

    for (guint i = 0; i < G_N_ELEMENTS (broken); i++)
      {
        g_autoptr(GError) local_error = NULL;
        g_autoptr(JsonNode) node = json (broken[i]);
        g_autoptr(HsWalkthroughRun) none = hs_walkthrough_run_resume (walkthrough, HS_WALKTHROUGH_MODE_TEST,
                                                                       json_node_get_array (node), NULL,
                                                                       &local_error);

        g_assert_null (none);
        g_assert_error (local_error, HS_WALKTHROUGH_ERROR, HS_WALKTHROUGH_ERROR_INVALID_FIELD);
      }
  }
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *json_path = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  root_dir = hs_test_make_tmp_dir ();
  hs_test_copy_walkthrough_demo (root_dir);
  write_file ("am-thanh/a.ogg", "OggS");
  {
    g_autofree char *folder = g_build_filename (root_dir, "screens.svg", NULL);
    g_assert_cmpint (g_mkdir (folder, 0755), ==, 0);
  }
  json_path = g_build_filename (root_dir, "walkthrough.json", NULL);
  g_file_get_contents (json_path, &good_json, NULL, &error);
  g_assert_no_error (error);

  g_test_add_func ("/hocso/walkthrough/parses-demo", test_parses_demo);
  g_test_add_func ("/hocso/walkthrough/defaults", test_defaults);
  g_test_add_func ("/hocso/walkthrough/load", test_load);
  g_test_add_func ("/hocso/walkthrough/invalid-json", test_invalid_json);
  g_test_add_func ("/hocso/walkthrough/too-deep", test_too_deep);
  g_test_add_func ("/hocso/walkthrough/too-large", test_too_large);
  g_test_add_func ("/hocso/walkthrough/message-shape", test_message_shape);
  for (guint i = 0; i < G_N_ELEMENTS (field_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/hocso/walkthrough/field/%s", field_cases[i].test);
      g_test_add_data_func (path, &field_cases[i], test_field_case);
    }
  g_test_add_func ("/hocso/walkthrough/text-too-long", test_text_too_long);
  g_test_add_func ("/hocso/walkthrough/branch-shapes", test_branch_shapes);
  g_test_add_func ("/hocso/walkthrough/check/tap", test_check_tap);
  g_test_add_func ("/hocso/walkthrough/check/type", test_check_type);
  g_test_add_func ("/hocso/walkthrough/check/choice", test_check_choice);
  g_test_add_func ("/hocso/walkthrough/check/invalid", test_check_invalid);
  for (guint i = 0; i < G_N_ELEMENTS (guard_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/hocso/walkthrough/guard/%u", i);
      g_test_add_data_func (path, &guard_cases[i], test_guard_case);
    }
  g_test_add_func ("/hocso/walkthrough/guard-rules", test_guard_rules);
  g_test_add_func ("/hocso/walkthrough/hint-rule", test_hint_rule);
  g_test_add_func ("/hocso/walkthrough/public-json", test_public_json);
  g_test_add_func ("/hocso/walkthrough/run/try", test_run_try);
  g_test_add_func ("/hocso/walkthrough/run/test-perfect", test_run_test_perfect);
  g_test_add_func ("/hocso/walkthrough/run/test-mistakes", test_run_test_mistakes);
  g_test_add_func ("/hocso/walkthrough/run/state", test_run_state);
  g_test_add_func ("/hocso/walkthrough/run/resume", test_run_resume);

  status = g_test_run ();
  hs_test_rm_rf (root_dir);
  g_free (root_dir);
  g_free (good_json);
  return status;
}

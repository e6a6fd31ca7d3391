/* hs-cli.h — the `hocso <command>` tools, shared pieces
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stdio.h>
#include <json-glib/json-glib.h>

#include "hs-keyring.h"
#include "hs-library.h"
#include "hs-progress.h"
#include "hs-school.h"

G_BEGIN_DECLS

/* Exit statuses: 0 done, 1 refused or failed, 2 the command line is wrong. */
#define HS_CLI_EXIT_FAILURE 1
#define HS_CLI_EXIT_USAGE   2

typedef struct {
  const char *name;
  const char *parameters;   /* shown after the command name in --help */
  const char *summary;      /* N_() */
  int       (*run) (int argc, char **argv);
} HsCliCommand;

const HsCliCommand *hs_cli_get_commands (guint *n_commands);
gboolean   hs_cli_is_command    (const char     *arg);
int        hs_cli_main          (int             argc,
                                 char          **argv);
void       hs_cli_print_usage   (FILE           *stream);

int        hs_cli_fail          (const char     *prefix,
                                 const GError   *error);
int        hs_cli_usage_error   (const char     *command,
                                 const char     *message);
gboolean   hs_cli_parse         (const char     *command,
                                 const char     *parameters,
                                 const char     *summary,
                                 const GOptionEntry *entries,
                                 int            *argc,
                                 char         ***argv,
                                 GError        **error);
HsLibrary *hs_cli_open_library  (GError        **error) G_GNUC_WARN_UNUSED_RESULT;
void       hs_cli_print_json    (JsonBuilder    *builder);
void       hs_cli_print_json_node (JsonNode     *root);
char      *hs_cli_pad           (const char     *text,
                                 guint           width) G_GNUC_WARN_UNUSED_RESULT;
char      *hs_cli_read_pin      (const char     *prompt,
                                 const char     *pin_file,
                                 GError        **error) G_GNUC_WARN_UNUSED_RESULT;
gboolean   hs_cli_unlock        (HsSchool       *school,
                                 const char     *pin_file,
                                 GError        **error);

int        hs_cli_import        (int argc, char **argv);
int        hs_cli_list          (int argc, char **argv);
int        hs_cli_remove        (int argc, char **argv);
int        hs_cli_learner       (int argc, char **argv);
int        hs_cli_progress      (int argc, char **argv);
int        hs_cli_attempts      (int argc, char **argv);
int        hs_cli_record        (int argc, char **argv);
int        hs_cli_search        (int argc, char **argv);
int        hs_cli_certificate   (int argc, char **argv);
int        hs_cli_report        (int argc, char **argv);
int        hs_cli_settings      (int argc, char **argv);
int        hs_cli_key           (int argc, char **argv);

G_END_DECLS

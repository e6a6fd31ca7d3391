/* hs-store.h — the one door to the SQLite database
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

G_BEGIN_DECLS

#define HS_STORE_ERROR (hs_store_error_quark ())

typedef enum {
  HS_STORE_ERROR_FAILED,
  HS_STORE_ERROR_CONSTRAINT,
  HS_STORE_ERROR_BUSY,
  HS_STORE_ERROR_CORRUPT,
  HS_STORE_ERROR_NEWER_SCHEMA,
} HsStoreError;

#define HS_TYPE_STORE (hs_store_get_type ())

G_DECLARE_FINAL_TYPE (HsStore, hs_store, HS, STORE, GObject)

typedef gboolean (*HsStoreTransactionFunc) (HsStore  *store,
                                            gpointer  user_data,
                                            GError  **error);

GQuark        hs_store_error_quark       (void);
HsStore      *hs_store_open              (const char              *path,
                                          GError                 **error) G_GNUC_WARN_UNUSED_RESULT;
int           hs_store_get_schema_version (HsStore                *self);
int           hs_store_get_latest_schema_version (void);
sqlite3      *hs_store_get_handle        (HsStore                 *self);
sqlite3_stmt *hs_store_query             (HsStore                 *self,
                                          GError                 **error,
                                          const char              *sql,
                                          const char              *types,
                                          ...);
int           hs_store_step              (HsStore                 *self,
                                          sqlite3_stmt            *stmt,
                                          GError                 **error);
gboolean      hs_store_run               (HsStore                 *self,
                                          GError                 **error,
                                          const char              *sql,
                                          const char              *types,
                                          ...);
gint64        hs_store_last_insert_id    (HsStore                 *self);
int           hs_store_changes           (HsStore                 *self);
gboolean      hs_store_exec              (HsStore                 *self,
                                          const char              *sql,
                                          GError                 **error);
gboolean      hs_store_begin             (HsStore                 *self,
                                          GError                 **error);
gboolean      hs_store_commit            (HsStore                 *self,
                                          GError                 **error);
void          hs_store_rollback          (HsStore                 *self);
gboolean      hs_store_transaction       (HsStore                 *self,
                                          HsStoreTransactionFunc   func,
                                          gpointer                 user_data,
                                          GError                 **error);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* The members each object of the dataset format knows, in the order the
 * README gives them and the writer writes them: the reader
 * (atlas-dataset-io.c) reads these and keeps the others aside, the writer
 * (atlas-dataset-writer.c) writes these and then the others as read. */

#define ATLAS_DATASET_FORMAT_NAME "cyber-diplomacy-atlas"

static const char * const root_keys[] = {
  "format", "schema_version", "title", "as_of", "sources", "subject", "lenses", "partners", NULL
};
static const char * const source_keys[] = { "id", "title", "author", "year", "url", NULL };
/* Keys that came with format additions are optional, so that older files
 * load unchanged; the writer leaves them out when they are empty. */
/* "names" and "descriptions": translations, language tag -> text. */
static const char * const subject_keys[] = {
  "name", "names", "color", "members", "member_changes", "indicators", NULL
};
#define SUBJECT_OPTIONAL ((1u << 1) | (1u << 4) | (1u << 5))
static const char * const member_change_keys[] = { "date", "id", "change", "source", NULL };
static const char * const lens_keys[] = {
  "id", "name", "names", "description", "descriptions", "ordered", "opens", "categories", NULL
};
#define LENS_OPTIONAL ((1u << 2) | (1u << 4) | (1u << 6))
static const char * const category_keys[] = {
  "id", "name", "names", "description", "descriptions", "color", NULL
};
#define CATEGORY_OPTIONAL ((1u << 2) | (1u << 4))
static const char * const partner_keys[] = {
  "id", "name", "indicators", "documents", "dialogues", "agreements", "assessment", "updated",
  "sources", "history", NULL
};
static const char * const document_keys[] = { "title", "year", "url", NULL };
static const char * const dialogue_keys[] = {
  "name", "frequency", "level", "established", "status", "rounds", NULL
};
#define DIALOGUE_OPTIONAL (1u << 5)
static const char * const round_keys[] = { "date", "place", "number", "url", "note", NULL };
#define ROUND_OPTIONAL ((1u << 1) | (1u << 2) | (1u << 3) | (1u << 4))
static const char * const agreement_keys[] = {
  "kind", "title", "signed", "in_force", "status", NULL
};
static const char * const source_ref_keys[] = { "id", "locator", NULL };
static const char * const history_keys[] = { "date", "field", "old", "new", "source", NULL };


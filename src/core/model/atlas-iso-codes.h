/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* ISO 3166-1 country codes and names, read from the iso-codes package on
 * first use (thread-safe). Names are the ones people use: iso-codes'
 * common_name when it has one ("South Korea", "Iran"), else its name
 * ("United States", "Russian Federation"). Codes are case-sensitive
 * upper-case alpha-2.
 */

gboolean            atlas_iso_codes_is_valid_alpha2      (const char *alpha2);
/* English name, or NULL for an unknown code */
const char         *atlas_iso_codes_get_name             (const char *alpha2);
/* The name in the user's language (LC_MESSAGES), never inverted where the
 * English is not ("Russie", not "Russie, Fédération de"), or NULL for an
 * unknown code */
char               *atlas_iso_codes_get_localized_name   (const char *alpha2);
/* NULL when no country has that numeric code */
const char         *atlas_iso_codes_alpha2_from_numeric  (int         numeric);
/* 0 for an unknown code */
int                 atlas_iso_codes_get_numeric          (const char *alpha2);
/* alpha-3, or NULL for an unknown code */
const char         *atlas_iso_codes_get_alpha3           (const char *alpha2);
/* Every alpha-2 code, in iso-codes' order (alphabetical by code), NULL-terminated */
const char * const *atlas_iso_codes_get_all              (void);

G_END_DECLS

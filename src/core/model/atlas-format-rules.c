/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "atlas-format-rules.h"

gboolean
atlas_format_is_web_link (const char *s)
{
  g_autoptr(GUri) uri = NULL;
  const char *host;
  const char *after_scheme;

  if (s == NULL)
    return FALSE;

  /* Schemes are case-insensitive (RFC 3986, 3.1). */
  if (g_ascii_strncasecmp (s, "http://", 7) == 0)
    after_scheme = s + 7;
  else if (g_ascii_strncasecmp (s, "https://", 8) == 0)
    after_scheme = s + 8;
  else
    return FALSE;

  /* As the schema has it: no white space or control character anywhere. */
  for (const char *p = s; *p; p++)
    if (g_ascii_isspace (*p) || (guchar) *p < 0x20 || *p == 0x7f)
      return FALSE;

  /* Credentials have no place in a published link (RFC 3986, 3.2.1), and
   * "https://trusted.example@elsewhere.example/" hides where it leads. The
   * authority ends at the first '/', '?' or '#'. */
  if (memchr (after_scheme, '@', strcspn (after_scheme, "/?#")) != NULL)
    return FALSE;

  uri = g_uri_parse (s, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL)
    return FALSE;

  host = g_uri_get_host (uri);

  return host != NULL && host[0] != '\0' && g_uri_get_userinfo (uri) == NULL;
}

gboolean
atlas_format_is_date (const char *s)
{
  int year, month, day;

  if (s == NULL)
    return FALSE;

  if (strlen (s) != 10 || s[4] != '-' || s[7] != '-')
    return FALSE;

  for (guint i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (s[i]))
      return FALSE;

  year = atoi (s);
  month = atoi (s + 5);
  day = atoi (s + 8);

  return year >= 1 && g_date_valid_dmy (day, month, year);
}

gboolean
atlas_format_is_year (gint64 year)
{
  return year >= ATLAS_FORMAT_YEAR_MIN && year <= ATLAS_FORMAT_YEAR_MAX;
}

gboolean
atlas_format_number_to_year (double  number,
                             gint64 *year)
{
  if (!isfinite (number) || floor (number) != number)
    return FALSE;

  /* Outside this, it is no year anyway; keep the cast defined. */
  *year = (gint64) CLAMP (number, -1e15, 1e15);

  return TRUE;
}

gboolean
atlas_format_is_id (const char *s,
                    char        separator)
{
  if (s == NULL || s[0] == '\0')
    return FALSE;

  for (const char *p = s; *p; p++)
    if (!g_ascii_islower (*p) && !g_ascii_isdigit (*p) && *p != separator)
      return FALSE;

  return TRUE;
}

static gboolean
all_of (const char *s,
        gsize       len,
        gboolean  (*is) (gchar c))
{
  for (gsize i = 0; i < len; i++)
    if (!is (s[i]))
      return FALSE;
  return TRUE;
}

static gboolean is_lower (gchar c) { return g_ascii_islower (c); }
static gboolean is_upper (gchar c) { return g_ascii_isupper (c); }
static gboolean is_digit (gchar c) { return g_ascii_isdigit (c); }

gboolean
atlas_format_is_language_tag (const char *s)
{
  gsize len;

  if (s == NULL)
    return FALSE;

  /* language */
  len = strcspn (s, "-");
  if (len < 2 || len > 3 || !all_of (s, len, is_lower))
    return FALSE;
  s += len;

  /* -Script */
  if (*s == '-' && strcspn (s + 1, "-") == 4)
    {
      if (!is_upper (s[1]) || !all_of (s + 2, 3, is_lower))
        return FALSE;
      s += 5;
    }

  /* -RG or -123 */
  if (*s == '-')
    {
      len = strcspn (s + 1, "-");
      if (!(len == 2 && all_of (s + 1, 2, is_upper)) && !(len == 3 && all_of (s + 1, 3, is_digit)))
        return FALSE;
      s += 1 + len;
    }

  return *s == '\0';
}

char *
atlas_format_check_web_link (const char *text)
{
  if (atlas_format_is_web_link (text))
    return NULL;

  return g_strdup_printf (_("\"%s\" is not an http or https link"), text ? text : "");
}

char *
atlas_format_check_date (const char *text)
{
  if (atlas_format_is_date (text))
    return NULL;

  return g_strdup_printf (_("\"%s\" is not a date (YYYY-MM-DD)"), text ? text : "");
}

char *
atlas_format_display_date (const char *iso_date)
{
  int year, month, day;
  g_autoptr(GDateTime) date = NULL;
  char end;

  if (iso_date == NULL)
    return g_strdup ("");

  if (sscanf (iso_date, "%4d-%2d-%2d%c", &year, &month, &day, &end) != 3 ||
      (date = g_date_time_new_utc (year, month, day, 0, 0, 0)) == NULL)
    return g_strdup (iso_date);

  /* Translators: a date in a briefing or the app, see strftime(3); "%-d %B %Y" is
   * "30 June 2014" */
  return g_date_time_format (date, _("%-d %B %Y"));
}

/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The model, and the dataset as it transcribes the paper (T. Renard, "The
 * rise of cyber-diplomacy: the EU, its strategic partners and
 * cyber-security", 2014): the expectations below are read from the paper,
 * not from a data file. tests/data/paper-2014.json keeps the bundled
 * dataset as it stood then; the bundled one now runs to 2026 through dated,
 * sourced history, and /dataset/bundled/since-2014 checks that every step
 * since the paper is such an entry and nothing else moved.
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include "atlas-core.h"

#define BUNDLED "/io/github/cyberdiplomacy/Atlas/data/dataset.json"

typedef struct
{
  const char *id;
  const char *name;
  /* cooperation_depth, wcit_2012, budapest_convention, internet_governance;
   * NULL where the paper says nothing */
  const char *indicators[4];
  const char *assessment_start;
  const char *assessment_end;
} PartnerFacts;

/* In the appendix's order. The depth of cooperation is where the section
 * "Assessing the partnerships" places each partner; WCIT-12 and internet
 * governance come from "Shaping internet governance"; the Budapest
 * Convention from "Strengthening multilateral instruments" (silent on
 * South Korea). */
static const PartnerFacts partners[] = {
  { "US", "United States", { "strategic", "refused", "party", "multi-stakeholder" },
    "The EU-US partnership is by far the most developed, although the Snowden revelations have "
    "affected confidence between the parties.",
    "the US is somehow steering the EU’s response to cyber-threats, either through bilateral "
    "cooperation, or within NATO with regard to cyber-defence." },
  { "CA", "Canada", { "mature", "refused", "signatory", "multi-stakeholder" },
    "Cyber-security does not appear prominently on the bilateral radar screen.",
    "model of internet governance." },
  { "MX", "Mexico", { "limited", "signed", "pending", "swing" },
    "Although cyber-security was not on the bilateral agenda until recently, both parties are "
    "starting to envision avenues for cooperation in this area.",
    "Overall, however, cooperation remains limited." },
  { "BR", "Brazil", { "limited", "signed", "non-party", "swing" },
    "Cyber issues are only starting to become part of the bilateral agenda, as a new policy "
    "dialogue was established in 2014.",
    "if the two sides manage to approximate their views and policies." },
  { "ZA", "South Africa", { "limited", "signed", "signatory", "swing" },
    "Cyber-security seems to be inexistent on the bilateral agenda and no cooperation is in "
    "place at the moment.",
    "South Africa is just starting to develop its own strategy and policies to cope with this "
    "challenge." },
  { "IN", "India", { "limited", "refused", "non-party", "swing" },
    "EU cooperation with India on cyber-security was originally framed in a narrow "
    "counter-terrorism context,",
    "bilateral cooperation remains almost inexistent and the two sides are not aligned on "
    "internet governance issues." },
  { "CN", "China", { "confidence-building", "signed", "opposed", "intergovernmental" },
    "The EU and China are both placing greater emphasis on ICT and cyber innovation in their "
    "domestic policies,",
    "It is complemented by parallel cyber dialogues with some member states, including Germany." },
  { "JP", "Japan", { "mature", "refused", "party", "multi-stakeholder" },
    "Although not particularly high-ranking on the political agenda, the EU and Japan have a ",
    "In addition, the EU and Japan are largely aligned on issues related to internet governance." },
  { "KR", "South Korea", { "limited", "signed", NULL, "swing" },
    "South Korea is often called the world’s ‘most wired’ country, with the deepest internet "
    "penetration anywhere.",
    "Yet, this cooperation must still largely materialise." },
  { "RU", "Russia", { "confidence-building", "signed", "opposed", "intergovernmental" },
    "Russia is perceived more as a challenge or threat than as a partner in the area of "
    "cyber-security.",
    "Brussels and Moscow have not yet felt the need to establish a bilateral confidence-building "
    "mechanism." },
};

static const char * const lens_ids[] = {
  "cooperation_depth", "wcit_2012", "budapest_convention", "internet_governance",
};

typedef struct
{
  const char *partner;
  const char *title;
  int         year;
  const char *url;
} DocumentFacts;

/* "Key documents", URLs rejoined where the text wraps. */
static const DocumentFacts documents[] = {
  { "US", "EU-US Joint Statement on ‘Enhancing transatlantic cooperation in the area of Justice, "
          "Freedom and Security’", 2009,
    "http://www.regeringen.se/content/1/c6/13/43/59/8542bc06.pdf" },
  { "MX", "Mexico-European Union Strategic Partnership Joint Executive Plan", 2010,
    "http://www.consilium.europa.eu/uedocs/cms_Data/docs/pressdata/en/er/114467.pdf" },
  { "IN", "EU-India Joint Declaration on International Terrorism", 2010,
    "http://www.consilium.europa.eu/uedocs/cms_data/docs/pressdata/EN/foraff/118405.pdf" },
  { "IN", "The India-EU Strategic Partnership Joint Action Plan", 2005,
    "http://ec.europa.eu/enterprise/policies/international/files/eu_india_joint_action_plan_en.pdf" },
  /* The text extraction drops the hyphen of "eu-" at the line break. */
  { "CN", "EU-China 2020 Strategic Agenda for Cooperation", 2013,
    "http://eeas.europa.eu/china/docs/eu-china_2020_strategic_agenda_en.pdf" },
  { "JP", "An Action Plan for EU-Japan Cooperation", 2001,
    "http://www.mofa.go.jp/region/europe/eu/summit/action0112.html" },
  { "JP", "EU-Japan Joint Statement on Cooperation on Information and Communication Technology",
    2004, "http://eeas.europa.eu/japan/docs/2004_ict_en.pdf" },
  { "KR", "Framework Agreement between the European Union and its Member States, on the one "
          "Part, and the Republic of Korea, on the other Part", 2010,
    "http://eeas.europa.eu/korea_south/docs/framework_agreement_final_en.pdf" },
  { "RU", "Road Maps for the Four Common Spaces", 2005,
    "http://eeas.europa.eu/russia/docs/roadmap_economic_en.pdf" },
};

typedef struct
{
  const char *partner;
  const char *name;
  const char *frequency;  /* NULL where the appendix gives none */
} DialogueFacts;

/* "Key dialogues", in the appendix's order. */
static const DialogueFacts dialogues[] = {
  { "US", "Summit", "annual" },
  { "US", "Ministerial dialogue on justice and home affairs", "twice a year" },
  { "US", "Working Group on Cyber-security and Cyber-crime", "annual" },
  { "US", "Cyber dialogue", "annual" },
  { "US", "Information and Society Dialogue", "annual" },
  { "US", "EU-US-Russia dialogue on justice and home affairs", "annual" },
  { "US", "EU-US-Canada meeting of senior officials on justice and home affairs", "annual" },
  { "CA", "EU-US-Canada meeting of senior officials on justice and home affairs", "annual" },
  { "MX", "EU-Mexico dialogue on public security and law enforcement", "annual" },
  { "MX", "EU-Mexico working group on telecommunications", NULL },
  { "BR", "EU-Brazil dialogue on international cyber policy", "annual" },
  { "BR", "EU-Brazil information society dialogue", "annual" },
  { "ZA", "EU-South Africa ICT dialogue", "annual" },
  { "IN", "Summit", "annual" },
  { "IN", "EU-India ministerial meeting", "annual" },
  { "IN", "EU-India political dialogue on cyber-security", "annual" },
  { "IN", "EU-India joint working group on information society", "annual" },
  { "CN", "Summit", "annual" },
  { "CN", "High-Level strategic dialogue", "annual" },
  { "CN", "EU-China task force on cyber issues", NULL },
  { "CN", "EU-China dialogue on IT, telecommunications and informatisation", NULL },
  { "JP", "Summit", "annual" },
  { "JP", "EU-Japan cyber dialogue", NULL },
  { "JP", "EU-Japan dialogue on ICT policy", "annual" },
  { "KR", "EU-South Korea Cyber Policy Consultation", NULL },
  { "KR", "EU-South Korea information society dialogue", "annual" },
  { "RU", "Permanent Partnership Council", "several times per year" },
  { "RU", "EU-Russia dialogue on information society", "annual" },
  { "RU", "EU-US-Russia dialogue on justice and home affairs", NULL },
};

/* The paper (tests/data/paper-2014.json), and the bundled dataset now. */
static AtlasDataset *bundled;
static AtlasDataset *current;

static GBytes *
bundled_bytes (void)
{
  g_autoptr(GError) error = NULL;
  GBytes *bytes = g_resources_lookup_data (BUNDLED, G_RESOURCE_LOOKUP_FLAGS_NONE, &error);

  g_assert_no_error (error);

  return bytes;
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  gpointer item = g_list_model_get_item (model, position);

  g_assert_nonnull (item);
  g_object_unref (item); /* the model keeps it */

  return item;
}

static AtlasPartner *
find_partner (const char *id)
{
  AtlasPartner *partner = atlas_dataset_find_partner (bundled, id);

  g_assert_nonnull (partner);

  return partner;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static void
test_bundled_top (void)
{
  static const char * const members_2014[] = {
    "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GB", "GR", "HR",
    "HU", "IE", "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK", NULL
  };
  const char * const *members = atlas_dataset_get_members (bundled);
  AtlasSource *source;
  g_autoptr(GPtrArray) sorted = g_ptr_array_new ();

  g_assert_cmpstr (atlas_dataset_get_as_of (bundled), ==, "2014-06-30");
  g_assert_cmpuint (g_list_model_get_n_items (atlas_dataset_get_sources (bundled)), ==, 1);
  source = get_item (atlas_dataset_get_sources (bundled), 0);
  g_assert_cmpstr (atlas_source_get_author (source), ==, "Thomas Renard");
  g_assert_cmpint (atlas_source_get_year (source), ==, 2014);
  g_assert_true (source == atlas_dataset_find_source (bundled, atlas_source_get_id (source)));

  g_assert_cmpstr (atlas_dataset_get_subject_name (bundled), ==, "European Union");

  /* The 28 members as of mid-2014: Croatia in, the United Kingdom not yet out. */
  g_assert_cmpuint (g_strv_length ((char **) members), ==, 28);
  for (guint i = 0; members[i] != NULL; i++)
    g_ptr_array_add (sorted, (gpointer) members[i]);
  g_ptr_array_sort (sorted, compare_strings);
  for (guint i = 0; members_2014[i] != NULL; i++)
    g_assert_cmpstr (g_ptr_array_index (sorted, i), ==, members_2014[i]);
  g_assert_true (atlas_dataset_is_member (bundled, "GB"));
  g_assert_true (atlas_dataset_is_member (bundled, "HR"));
  g_assert_false (atlas_dataset_is_member (bundled, "NO"));
  g_assert_false (atlas_dataset_is_member (bundled, "US"));
}

static void
test_bundled_lenses (void)
{
  static const char * const categories[][6] = {
    { "strategic", "mature", "limited", "confidence-building", NULL },
    { "signed", "refused", NULL },
    { "party", "signatory", "pending", "non-party", "opposed", NULL },
    { "multi-stakeholder", "swing", "intergovernmental", NULL },
  };
  GListModel *lenses = atlas_dataset_get_lenses (bundled);

  g_assert_cmpuint (g_list_model_get_n_items (lenses), ==, G_N_ELEMENTS (lens_ids));

  for (guint i = 0; i < G_N_ELEMENTS (lens_ids); i++)
    {
      AtlasLens *lens = get_item (lenses, i);
      GListModel *model = atlas_lens_get_categories (lens);
      guint n = g_strv_length ((char **) categories[i]);

      g_assert_cmpstr (atlas_lens_get_id (lens), ==, lens_ids[i]);
      g_assert_true (atlas_dataset_find_lens (bundled, lens_ids[i]) == lens);
      g_assert_cmpuint (atlas_lens_get_n_categories (lens), ==, n);

      for (guint j = 0; j < n; j++)
        {
          AtlasCategory *category = get_item (model, j);
          g_autofree char *color = g_strdup_printf ("#%06x", atlas_category_get_color (category));

          g_assert_cmpstr (atlas_category_get_id (category), ==, categories[i][j]);
          g_assert_cmpint (atlas_lens_get_category_index (lens, categories[i][j]), ==, j);
          g_assert_true (atlas_lens_find_category (lens, categories[i][j]) == category);
          g_assert_cmpstr (atlas_category_get_color_string (category), ==, color);
          g_assert_cmpuint (atlas_category_get_color (category), !=,
                            atlas_dataset_get_subject_color (bundled));
          g_assert_cmpuint (atlas_category_get_color (category), !=, ATLAS_NO_DATA_COLOR);
        }

      g_assert_cmpint (atlas_lens_get_category_index (lens, "maybe"), ==, -1);
      g_assert_null (atlas_lens_find_category (lens, "maybe"));
    }

  g_assert_null (atlas_dataset_find_lens (bundled, "nope"));
}

static void
test_bundled_partners (void)
{
  GListModel *model = atlas_dataset_get_partners (bundled);

  g_assert_cmpuint (g_list_model_get_n_items (model), ==, G_N_ELEMENTS (partners));

  for (guint i = 0; i < G_N_ELEMENTS (partners); i++)
    {
      const PartnerFacts *facts = &partners[i];
      AtlasPartner *partner = get_item (model, i);
      const char *assessment = atlas_partner_get_assessment (partner);

      g_test_message ("partner %s", facts->id);
      g_assert_cmpstr (atlas_partner_get_id (partner), ==, facts->id);
      g_assert_cmpstr (atlas_partner_get_name (partner), ==, facts->name);
      g_assert_true (find_partner (facts->id) == partner);

      for (guint j = 0; j < G_N_ELEMENTS (lens_ids); j++)
        g_assert_cmpstr (atlas_partner_get_indicator (partner, lens_ids[j]), ==,
                         facts->indicators[j]);

      /* Verbatim, without the footnote calls (102 to 110) glued to the words. */
      g_assert_true (g_str_has_prefix (assessment, facts->assessment_start));
      g_assert_true (g_str_has_suffix (assessment, facts->assessment_end));
      for (guint footnote = 102; footnote <= 110; footnote++)
        {
          g_autofree char *call = g_strdup_printf ("%u", footnote);

          g_assert_null (strstr (assessment, call));
        }

      g_assert_cmpstr (atlas_partner_get_updated (partner), ==, "2014-06-30");
      g_assert_cmpuint (g_list_model_get_n_items (atlas_partner_get_history (partner)), ==, 0);
      g_assert_cmpuint (g_list_model_get_n_items (atlas_partner_get_sources (partner)), >, 0);
      for (guint j = 0; j < g_list_model_get_n_items (atlas_partner_get_sources (partner)); j++)
        {
          AtlasSourceRef *ref = get_item (atlas_partner_get_sources (partner), j);

          g_assert_nonnull (atlas_dataset_find_source (bundled, atlas_source_ref_get_id (ref)));
        }
    }

  /* The US assessment runs on past footnote 102. */
  g_assert_nonnull (strstr (atlas_partner_get_assessment (find_partner ("US")),
                            "beefing up its capabilities. As a result, the US"));
}

static void
test_bundled_documents (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (partners); i++)
    {
      GListModel *model = atlas_partner_get_documents (find_partner (partners[i].id));
      guint n = 0;

      for (guint j = 0; j < G_N_ELEMENTS (documents); j++)
        {
          AtlasDocument *document;

          if (strcmp (documents[j].partner, partners[i].id) != 0)
            continue;

          document = get_item (model, n++);
          g_assert_cmpstr (atlas_document_get_title (document), ==, documents[j].title);
          g_assert_cmpint (atlas_document_get_year (document), ==, documents[j].year);
          g_assert_cmpstr (atlas_document_get_url (document), ==, documents[j].url);
        }

      /* Canada, Brazil and South Africa: "None." */
      g_assert_cmpuint (g_list_model_get_n_items (model), ==, n);
    }
}

static void
test_bundled_dialogues (void)
{
  AtlasDialogue *dialogue;

  for (guint i = 0; i < G_N_ELEMENTS (partners); i++)
    {
      GListModel *model = atlas_partner_get_dialogues (find_partner (partners[i].id));
      guint n = 0;

      for (guint j = 0; j < G_N_ELEMENTS (dialogues); j++)
        {
          if (strcmp (dialogues[j].partner, partners[i].id) != 0)
            continue;

          dialogue = get_item (model, n++);
          g_assert_cmpstr (atlas_dialogue_get_name (dialogue), ==, dialogues[j].name);
          g_assert_cmpstr (atlas_dialogue_get_frequency (dialogue), ==, dialogues[j].frequency);
          g_assert_true (g_strv_contains (atlas_dialogue_get_level_values (),
                                          atlas_dialogue_get_level (dialogue)));
        }

      g_assert_cmpuint (g_list_model_get_n_items (model), ==, n);
    }

  /* Enriched from the body: when dialogues were set up, and the one now dormant. */
  dialogue = get_item (atlas_partner_get_dialogues (find_partner ("US")), 2);
  g_assert_cmpint (atlas_dialogue_get_established (dialogue), ==, 2010);
  dialogue = get_item (atlas_partner_get_dialogues (find_partner ("US")), 5);
  g_assert_cmpstr (atlas_dialogue_get_status (dialogue), ==, "dormant");
  g_assert_cmpint (atlas_dialogue_get_established (dialogue), ==, 2006);
  dialogue = get_item (atlas_partner_get_dialogues (find_partner ("RU")), 2);
  g_assert_cmpstr (atlas_dialogue_get_status (dialogue), ==, "dormant");
  dialogue = get_item (atlas_partner_get_dialogues (find_partner ("CN")), 2);
  g_assert_cmpint (atlas_dialogue_get_established (dialogue), ==, 2012);
  dialogue = get_item (atlas_partner_get_dialogues (find_partner ("BR")), 0);
  g_assert_cmpint (atlas_dialogue_get_established (dialogue), ==, 2014);
  dialogue = get_item (atlas_partner_get_dialogues (find_partner ("MX")), 1);
  g_assert_cmpint (atlas_dialogue_get_established (dialogue), ==, 2013);
}

static AtlasAgreement *
find_agreement (const char *partner_id,
                const char *kind)
{
  GListModel *model = atlas_partner_get_agreements (find_partner (partner_id));

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      AtlasAgreement *agreement = get_item (model, i);

      if (strcmp (atlas_agreement_get_kind (agreement), kind) == 0)
        return agreement;
    }

  return NULL;
}

static void
test_bundled_agreements (void)
{
  AtlasAgreement *agreement;

  /* The 2003 extradition and MLA agreements with the US, in force in 2010. */
  agreement = find_agreement ("US", "extradition");
  g_assert_nonnull (agreement);
  g_assert_cmpint (atlas_agreement_get_signed (agreement), ==, 2003);
  g_assert_cmpint (atlas_agreement_get_in_force (agreement), ==, 2010);
  g_assert_cmpstr (atlas_agreement_get_status (agreement), ==, "in-force");
  agreement = find_agreement ("US", "mutual-legal-assistance");
  g_assert_nonnull (agreement);
  g_assert_cmpint (atlas_agreement_get_signed (agreement), ==, 2003);
  g_assert_cmpint (atlas_agreement_get_in_force (agreement), ==, 2010);
  g_assert_nonnull (find_agreement ("US", "europol-operational"));
  g_assert_nonnull (find_agreement ("US", "eurojust"));

  /* The MLA agreement with Japan, signed in 2009. */
  agreement = find_agreement ("JP", "mutual-legal-assistance");
  g_assert_nonnull (agreement);
  g_assert_cmpint (atlas_agreement_get_signed (agreement), ==, 2009);

  /* Europol: operational with Canada, strategic with Russia. */
  g_assert_nonnull (find_agreement ("CA", "europol-operational"));
  g_assert_nonnull (find_agreement ("RU", "europol-strategic"));

  /* Liaison magistrates. */
  g_assert_nonnull (find_agreement ("JP", "liaison-magistrate"));

  /* Nothing of the sort with Brazil, Mexico or South Africa. */
  g_assert_cmpuint (g_list_model_get_n_items (atlas_partner_get_agreements (find_partner ("BR"))), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (atlas_partner_get_agreements (find_partner ("MX"))), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (atlas_partner_get_agreements (find_partner ("ZA"))), ==, 0);
}

/* Loading the bundled file and saving it gives the same bytes. */
static void
test_bundled_round_trip (void)
{
  g_autoptr(GBytes) original = bundled_bytes ();
  g_autoptr(GBytes) saved = atlas_dataset_to_bytes (current);

  g_assert_cmpmem (g_bytes_get_data (saved, NULL), g_bytes_get_size (saved),
                   g_bytes_get_data (original, NULL), g_bytes_get_size (original));
}

/* The subject's own position (the paper: the EU refused to sign at WCIT-12
 * and is of the multi-stakeholder camp), read, copied and written back. */
static void
test_subject_indicators (void)
{
  g_autoptr(GBytes) saved = NULL;
  g_autoptr(AtlasDataset) again = NULL;
  g_autoptr(AtlasDataset) copy = atlas_dataset_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) ids = NULL;

  g_assert_cmpstr (atlas_dataset_get_subject_indicator (current, "wcit_2012"), ==, "refused");
  g_assert_cmpstr (atlas_dataset_get_subject_indicator (current, "internet_governance"), ==, "multi-stakeholder");
  g_assert_null (atlas_dataset_get_subject_indicator (current, "cooperation_depth"));
  ids = atlas_dataset_dup_subject_indicator_lenses (current);
  g_assert_cmpuint (g_strv_length (ids), ==, 2);

  atlas_dataset_copy_subject_indicators (copy, current);
  g_assert_cmpstr (atlas_dataset_get_subject_indicator (copy, "wcit_2012"), ==, "refused");
  atlas_dataset_set_subject_indicator (copy, "wcit_2012", NULL);
  g_assert_null (atlas_dataset_get_subject_indicator (copy, "wcit_2012"));

  /* Written and read back */
  saved = atlas_dataset_to_bytes (current);
  again = atlas_dataset_load_bytes (saved, "again.json", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (atlas_dataset_get_subject_indicator (again, "wcit_2012"), ==, "refused");
  {
    g_autoptr(AtlasDataset) as_of = atlas_timeline_dup_as_of (current, "2014-06-30");

    g_assert_cmpstr (atlas_dataset_get_subject_indicator (as_of, "wcit_2012"), ==, "refused");
  }
}

/* Runs @func with the interface in @language ("fr", or "pt_BR:pt"), as a
 * user with LANGUAGE and a locale other than C would have it. */
static gboolean
with_language (const char *language,
               void      (*func) (gpointer),
               gpointer    data)
{
  g_autofree char *saved_locale = g_strdup (setlocale (LC_MESSAGES, NULL));
  g_autofree char *saved_language = g_strdup (g_getenv ("LANGUAGE"));

  g_setenv ("LANGUAGE", language, TRUE);
  if (setlocale (LC_MESSAGES, "fr_FR.UTF-8") == NULL &&
      setlocale (LC_MESSAGES, "C.UTF-8") == NULL)
    return FALSE;

  func (data);

  if (saved_language != NULL)
    g_setenv ("LANGUAGE", saved_language, TRUE);
  else
    g_unsetenv ("LANGUAGE");
  setlocale (LC_MESSAGES, saved_locale);
  return TRUE;
}

static void
check_french_names (gpointer data)
{
  AtlasDataset *dataset = data;
  AtlasLens *depth = atlas_dataset_find_lens (dataset, "cooperation_depth");
  AtlasLens *wcit = atlas_dataset_find_lens (dataset, "wcit_2012");

  g_assert_cmpstr (atlas_lens_get_name (depth), ==, "Degré de coopération");
  g_assert_cmpstr (atlas_category_get_name (atlas_lens_find_category (depth, "strategic")), ==, "Stratégique");
  g_assert_cmpstr (atlas_category_get_name (atlas_lens_find_category (wcit, "refused")), ==, "A refusé de signer");
  g_assert_cmpstr (atlas_dataset_get_subject_name (dataset), ==, "Union européenne");
  g_assert_true (g_str_has_prefix (atlas_lens_get_description (depth), "Jusqu’où le partenariat de l’UE"));
  g_assert_cmpstr (atlas_category_get_description (atlas_lens_find_category (wcit, "signed")), ==,
                   "Parmi les 89 pays qui l’ont signé.");
  /* What is written stays the file's own words. */
  g_assert_cmpstr (atlas_lens_get_original_name (depth), ==, "Depth of cooperation");
  g_assert_cmpstr (atlas_dataset_get_subject_original_name (dataset), ==, "European Union");
  {
    g_autoptr(GBytes) saved = atlas_dataset_to_bytes (dataset);
    g_autofree char *text = g_strndup (g_bytes_get_data (saved, NULL), g_bytes_get_size (saved));

    g_assert_nonnull (strstr (text, "\"name\": \"Depth of cooperation\",\n      \"names\": {\n"));
    g_assert_nonnull (strstr (text, "\"fr\": \"Degré de coopération\""));
  }
}

static void
check_portuguese_names (gpointer data)
{
  AtlasDataset *dataset = data;

  /* pt_BR finds the file's "pt" */
  g_assert_cmpstr (atlas_lens_get_name (atlas_dataset_find_lens (dataset, "budapest_convention")),
                   ==, "Convenção de Budapeste");
}

static void
check_catalan_names (gpointer data)
{
  AtlasDataset *dataset = data;

  AtlasLens *lens = atlas_dataset_find_lens (dataset, "budapest_convention");

  /* A language the file does not carry: its own words. */
  g_assert_cmpstr (atlas_lens_get_name (lens), ==, "Budapest Convention");
  g_assert_cmpstr (atlas_lens_get_description (lens), ==, atlas_lens_get_original_description (lens));
}

/* The bundled lenses, categories and subject carry their names in the
 * seven languages of the interface, and the user's language picks one. */
static void
test_translated_names (void)
{
  const char * const languages[] = { "de", "es", "fr", "it", "nl", "pl", "pt" };
  GListModel *lenses = atlas_dataset_get_lenses (current);
  g_autofree char *saved_locale = g_strdup (setlocale (LC_MESSAGES, NULL));
  g_autofree char *saved_language = g_strdup (g_getenv ("LANGUAGE"));

  for (guint k = 0; k < G_N_ELEMENTS (languages); k++)
    {
      const char *subject = g_hash_table_lookup (atlas_dataset_get_subject_names (current), languages[k]);

      g_assert_nonnull (subject);
      for (guint i = 0; i < g_list_model_get_n_items (lenses); i++)
        {
          g_autoptr(AtlasLens) lens = g_list_model_get_item (lenses, i);
          GListModel *categories = atlas_lens_get_categories (lens);
          const char *name = g_hash_table_lookup (atlas_lens_get_names (lens), languages[k]);

          g_test_message ("%s %s", languages[k], atlas_lens_get_id (lens));
          g_assert_nonnull (name);
          g_assert_nonnull (g_hash_table_lookup (atlas_lens_get_descriptions (lens), languages[k]));
          g_assert_cmpstr (name, !=, atlas_lens_get_original_name (lens));
          for (guint j = 0; j < g_list_model_get_n_items (categories); j++)
            {
              g_autoptr(AtlasCategory) category = g_list_model_get_item (categories, j);

              g_test_message ("%s %s", languages[k], atlas_category_get_id (category));
              g_assert_nonnull (g_hash_table_lookup (atlas_category_get_names (category), languages[k]));
              g_assert_nonnull (g_hash_table_lookup (atlas_category_get_descriptions (category), languages[k]));
            }
        }
    }

  /* In the C locale LANGUAGE counts for nothing, as for gettext. */
  g_setenv ("LANGUAGE", "fr", TRUE);
  setlocale (LC_MESSAGES, "C");
  g_assert_cmpstr (atlas_lens_get_name (atlas_dataset_find_lens (current, "cooperation_depth")),
                   ==, "Depth of cooperation");
  if (saved_language != NULL)
    g_setenv ("LANGUAGE", saved_language, TRUE);
  else
    g_unsetenv ("LANGUAGE");
  setlocale (LC_MESSAGES, saved_locale);

  if (!with_language ("fr", check_french_names, current))
    {
      g_test_skip ("neither fr_FR.UTF-8 nor C.UTF-8 is installed");
      return;
    }
  with_language ("pt_BR:en", check_portuguese_names, current);
  with_language ("ca", check_catalan_names, current);

  /* A copy as of a date keeps them. */
  {
    g_autoptr(AtlasDataset) as_of = atlas_timeline_dup_as_of (current, "2014-06-30");

    with_language ("fr", check_french_names, as_of);
  }
}

static void
test_bundled_validates (void)
{
  g_autoptr(GPtrArray) problems = atlas_dataset_validate (current, "dataset.json");
  g_autoptr(GPtrArray) paper_problems = atlas_dataset_validate (bundled, "paper-2014.json");

  g_assert_cmpuint (problems->len, ==, 0);
  g_assert_cmpuint (paper_problems->len, ==, 0);
}

typedef struct
{
  const char *partner;
  const char *lens;
  const char *date;
  const char *old_value;
  const char *new_value;
} IndicatorChange;

/* What the verified facts since 2014 decide (README, "Data notes"). */
static const IndicatorChange changes_since_2014[] = {
  { "CA", "budapest_convention", "2015-07-08", "signatory", "party" },
  { "BR", "budapest_convention", "2022-11-30", "non-party", "party" },
  { "BR", "un_cybercrime_convention", "2025-10-25", NULL, "signed" },
  { "CN", "un_cybercrime_convention", "2025-10-25", NULL, "signed" },
  { "RU", "un_cybercrime_convention", "2025-10-25", NULL, "signed" },
  { "ZA", "un_cybercrime_convention", "2025-10-25", NULL, "signed" },
  { "CA", "un_cybercrime_convention", "2025-10-25", NULL, "not-signed" },
  { "IN", "un_cybercrime_convention", "2025-10-25", NULL, "not-signed" },
};

static gboolean
lists_equal (GListModel *a,
             GListModel *b,
             GEqualFunc  equal)
{
  guint n = g_list_model_get_n_items (a);

  if (n != g_list_model_get_n_items (b))
    return FALSE;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) x = g_list_model_get_item (a, i);
      g_autoptr(GObject) y = g_list_model_get_item (b, i);

      if (!equal (x, y))
        return FALSE;
    }

  return TRUE;
}

/* The bundled dataset is the paper plus dated, sourced steps: every history
 * entry has a link, lies between the paper and "as of", and chains from the
 * paper's value to today's; the judgements (depth of cooperation,
 * assessments) and the paper's lists are untouched. */
static void
test_bundled_since_2014 (void)
{
  const char *as_of = atlas_dataset_get_as_of (current);
  AtlasLens *un = atlas_dataset_find_lens (current, "un_cybercrime_convention");

  g_assert_cmpstr (as_of, ==, "2026-01-31");
  g_assert_nonnull (strstr (atlas_dataset_get_title (current), "2014–2026"));
  /* The paper stays cited, first. */
  g_assert_cmpstr (atlas_source_get_id (get_item (atlas_dataset_get_sources (current), 0)), ==,
                   "renard-2014");

  /* The UN convention opened for signature in Hanoi on 25 October 2025. */
  g_assert_nonnull (un);
  g_assert_cmpstr (atlas_lens_get_opens (un), ==, "2025-10-25");
  g_assert_false (atlas_lens_is_open_at (un, "2014-06-30"));
  g_assert_true (atlas_lens_is_open_at (un, as_of));
  g_assert_nonnull (atlas_lens_find_category (un, "signed"));
  g_assert_nonnull (atlas_lens_find_category (un, "not-signed"));
  g_assert_nonnull (atlas_lens_find_category (un, "ratified"));

  /* The United Kingdom left on 31 January 2020. */
  g_assert_false (atlas_dataset_is_member (current, "GB"));
  g_assert_true (atlas_dataset_is_member_at (current, "GB", "2014-06-30"));
  g_assert_true (atlas_dataset_is_member_at (current, "GB", "2020-01-30"));
  g_assert_false (atlas_dataset_is_member_at (current, "GB", "2020-01-31"));
  {
    g_auto(GStrv) then = atlas_dataset_dup_members_at (current, "2014-06-30");

    g_assert_cmpuint (g_strv_length (then), ==, 28);
    g_assert_true (g_strv_equal ((const char * const *) then, atlas_dataset_get_members (bundled)));
  }

  for (guint i = 0; i < G_N_ELEMENTS (partners); i++)
    {
      AtlasPartner *paper = find_partner (partners[i].id);
      AtlasPartner *now = atlas_dataset_find_partner (current, partners[i].id);
      GListModel *history = atlas_partner_get_history (now);
      GListModel *lenses = atlas_dataset_get_lenses (current);
      g_autoptr(GHashTable) value = g_hash_table_new (g_str_hash, g_str_equal);
      GListModel *paper_dialogues = atlas_partner_get_dialogues (paper);
      GListModel *now_dialogues = atlas_partner_get_dialogues (now);

      g_test_message ("partner %s", partners[i].id);
      g_assert_nonnull (now);

      /* Never re-judged. */
      g_assert_cmpstr (atlas_partner_get_assessment (now), ==, atlas_partner_get_assessment (paper));
      g_assert_cmpstr (atlas_partner_get_indicator (now, "cooperation_depth"), ==,
                       atlas_partner_get_indicator (paper, "cooperation_depth"));
      g_assert_true (lists_equal (atlas_partner_get_documents (now),
                                  atlas_partner_get_documents (paper),
                                  (GEqualFunc) atlas_document_equal));

      /* The paper's dialogues, as they were, with rounds added. */
      g_assert_cmpuint (g_list_model_get_n_items (now_dialogues), ==,
                        g_list_model_get_n_items (paper_dialogues));
      for (guint j = 0; j < g_list_model_get_n_items (now_dialogues); j++)
        {
          g_autoptr(AtlasDialogue) d = g_list_model_get_item (now_dialogues, j);
          g_autoptr(AtlasDialogue) p = g_list_model_get_item (paper_dialogues, j);
          g_autoptr(AtlasDialogue) stripped = atlas_dialogue_copy (d);
          GPtrArray *rounds = atlas_dialogue_get_rounds (d);

          atlas_dialogue_set_rounds (stripped, NULL);
          g_assert_true (atlas_dialogue_equal (stripped, p));
          for (guint k = 0; k < rounds->len; k++)
            {
              AtlasRound *round = g_ptr_array_index (rounds, k);

              g_assert_true (atlas_round_date_compare (round->date, "2014-06-30") > 0);
              g_assert_true (atlas_round_date_compare (round->date, as_of) <= 0);
              g_assert_true (atlas_format_is_web_link (round->url));
            }
        }

      /* The paper's agreements come first, unchanged; later ones are signed
       * after it and have a history entry. */
      {
        GListModel *paper_agreements = atlas_partner_get_agreements (paper);
        GListModel *agreements = atlas_partner_get_agreements (now);
        guint n_paper = g_list_model_get_n_items (paper_agreements);

        g_assert_cmpuint (g_list_model_get_n_items (agreements), >=, n_paper);
        for (guint j = 0; j < g_list_model_get_n_items (agreements); j++)
          {
            g_autoptr(AtlasAgreement) a = g_list_model_get_item (agreements, j);

            if (j < n_paper)
              {
                g_autoptr(AtlasAgreement) p = g_list_model_get_item (paper_agreements, j);

                g_assert_true (atlas_agreement_equal (a, p));
              }
            else
              {
                gboolean recorded = FALSE;

                g_assert_cmpint (atlas_agreement_get_signed (a), >, 2014);
                for (guint k = 0; k < g_list_model_get_n_items (history); k++)
                  {
                    g_autoptr(AtlasHistoryEntry) e = g_list_model_get_item (history, k);

                    recorded |= g_strcmp0 (atlas_history_entry_get_field (e), "agreements") == 0 &&
                                g_strcmp0 (atlas_history_entry_get_new_value (e),
                                           atlas_agreement_get_title (a)) == 0;
                  }
                g_assert_true (recorded);
              }
          }
      }

      /* History: sourced by a link, dated after the paper, chaining from
       * the paper's indicator to today's. */
      for (guint j = 0; j < g_list_model_get_n_items (lenses); j++)
        {
          AtlasLens *lens = get_item (lenses, j);
          const char *id = atlas_lens_get_id (lens);

          g_hash_table_insert (value, (gpointer) id,
                               (gpointer) atlas_partner_get_indicator (paper, id));
        }
      for (guint j = 0; j < g_list_model_get_n_items (history); j++)
        {
          AtlasHistoryEntry *entry = get_item (history, j);
          const char *field = atlas_history_entry_get_field (entry);
          const char *date = atlas_history_entry_get_date (entry);

          g_assert_true (atlas_format_is_web_link (atlas_history_entry_get_source (entry)));
          g_assert_cmpstr (date, >, "2014-06-30");
          g_assert_cmpstr (date, <=, as_of);
          if (j > 0)
            g_assert_cmpstr (date, >=,
                             atlas_history_entry_get_date (get_item (history, j - 1)));

          if (g_str_has_prefix (field, "indicators."))
            {
              const char *lens_id = field + strlen ("indicators.");
              gboolean listed = FALSE;

              g_assert_cmpstr (atlas_history_entry_get_old_value (entry), ==,
                               g_hash_table_lookup (value, lens_id));
              g_hash_table_insert (value, (gpointer) lens_id,
                                   (gpointer) atlas_history_entry_get_new_value (entry));

              for (guint k = 0; k < G_N_ELEMENTS (changes_since_2014); k++)
                {
                  const IndicatorChange *c = &changes_since_2014[k];

                  listed |= strcmp (c->partner, partners[i].id) == 0 &&
                            strcmp (c->lens, lens_id) == 0 && strcmp (c->date, date) == 0 &&
                            g_strcmp0 (c->old_value, atlas_history_entry_get_old_value (entry)) == 0 &&
                            g_strcmp0 (c->new_value, atlas_history_entry_get_new_value (entry)) == 0;
                }
              g_assert_true (listed);
              g_assert_true (atlas_lens_is_open_at (atlas_dataset_find_lens (current, lens_id), date));
            }
          else
            g_assert_cmpstr (field, ==, "agreements");
        }

      /* Each indicator today is where its history ends: unchanged ones are the paper's. */
      for (guint j = 0; j < g_list_model_get_n_items (lenses); j++)
        {
          const char *id = atlas_lens_get_id (get_item (lenses, j));

          g_assert_cmpstr (atlas_partner_get_indicator (now, id), ==, g_hash_table_lookup (value, id));
        }
    }

  /* And every decided change is there. */
  for (guint k = 0; k < G_N_ELEMENTS (changes_since_2014); k++)
    g_assert_cmpstr (atlas_partner_get_indicator (atlas_dataset_find_partner (current,
                                                                             changes_since_2014[k].partner),
                                                  changes_since_2014[k].lens),
                     ==, changes_since_2014[k].new_value);
}

static void
test_display_names (void)
{
  /* iso-codes' names, not the dataset's ("Russia"), in English here. */
  if (g_strcmp0 (g_getenv ("LANGUAGE"), NULL) != 0 ||
      !g_str_has_prefix (setlocale (LC_MESSAGES, NULL), "C"))
    {
      g_test_skip ("needs an English or C locale");
      return;
    }

  g_assert_cmpstr (atlas_partner_get_display_name (find_partner ("KR")), ==, "South Korea");
  g_assert_cmpstr (atlas_partner_get_display_name (find_partner ("RU")), ==, "Russian Federation");
  g_assert_cmpstr (atlas_partner_get_display_name (find_partner ("US")), ==, "United States");
}

static void
test_iso_codes (void)
{
  const char * const *all = atlas_iso_codes_get_all ();
  guint n = g_strv_length ((char **) all);

  g_assert_cmpuint (n, >=, 249);
  for (guint i = 0; i < n; i++)
    {
      g_assert_true (atlas_iso_codes_is_valid_alpha2 (all[i]));
      g_assert_cmpstr (atlas_iso_codes_alpha2_from_numeric (atlas_iso_codes_get_numeric (all[i])),
                       ==, all[i]);
    }

  g_assert_true (atlas_iso_codes_is_valid_alpha2 ("KR"));
  g_assert_false (atlas_iso_codes_is_valid_alpha2 ("XX"));
  g_assert_false (atlas_iso_codes_is_valid_alpha2 ("kr"));
  g_assert_false (atlas_iso_codes_is_valid_alpha2 (NULL));
  g_assert_cmpstr (atlas_iso_codes_get_name ("KR"), ==, "South Korea");
  g_assert_cmpstr (atlas_iso_codes_get_name ("GB"), ==, "United Kingdom");
  g_assert_null (atlas_iso_codes_get_name ("XX"));
  g_assert_cmpstr (atlas_iso_codes_alpha2_from_numeric (410), ==, "KR");
  g_assert_cmpstr (atlas_iso_codes_alpha2_from_numeric (76), ==, "BR");
  g_assert_null (atlas_iso_codes_alpha2_from_numeric (999));
  g_assert_null (atlas_iso_codes_alpha2_from_numeric (-1));
  g_assert_cmpstr (atlas_iso_codes_get_alpha3 ("ZA"), ==, "ZAF");
  g_assert_null (atlas_iso_codes_get_localized_name ("XX"));
}

/* The translation comes from iso-codes' own catalogue. LANGUAGE works
 * with any locale but C, and C.UTF-8 is always there on Debian. */
static void
test_iso_codes_localized (void)
{
  g_autofree char *saved_locale = g_strdup (setlocale (LC_MESSAGES, NULL));
  g_autofree char *saved_language = g_strdup (g_getenv ("LANGUAGE"));
  g_autofree char *name = NULL;
  g_autofree char *russia = NULL;
  g_autofree char *bonaire = NULL;

  g_setenv ("LANGUAGE", "fr", TRUE);
  if (setlocale (LC_MESSAGES, "fr_FR.UTF-8") == NULL &&
      setlocale (LC_MESSAGES, "C.UTF-8") == NULL)
    {
      g_test_skip ("neither fr_FR.UTF-8 nor C.UTF-8 is installed");
      return;
    }

  name = atlas_iso_codes_get_localized_name ("KR");
  russia = atlas_iso_codes_get_localized_name ("RU");
  bonaire = atlas_iso_codes_get_localized_name ("BQ");

  if (saved_language != NULL)
    g_setenv ("LANGUAGE", saved_language, TRUE);
  else
    g_unsetenv ("LANGUAGE");
  setlocale (LC_MESSAGES, saved_locale);

  g_assert_cmpstr (name, ==, "Corée du Sud");
  /* iso-codes' French is "Russie, Fédération de": a list's form, not a name */
  g_assert_cmpstr (russia, ==, "Russie");
  /* Inverted in English too: kept whole */
  g_assert_nonnull (strstr (bonaire, ", "));
}

static void
test_unknown_keys (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "unknown-keys.json", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) saved = NULL;
  g_autoptr(GBytes) saved_again = NULL;
  g_autoptr(AtlasDataset) dataset = NULL;
  g_autoptr(AtlasDataset) reloaded = NULL;
  g_autoptr(AtlasPartner) copy = NULL;
  g_autoptr(GError) error = NULL;
  gsize len;

  g_file_get_contents (path, &text, &len, &error);
  g_assert_no_error (error);
  bytes = g_bytes_new (text, len);

  dataset = atlas_dataset_load_bytes (bytes, "unknown-keys.json", NULL, &error);
  g_assert_no_error (error);

  /* Written back at every level, after the known keys, in their order. */
  saved = atlas_dataset_to_bytes (dataset);
  g_assert_cmpmem (g_bytes_get_data (saved, NULL), g_bytes_get_size (saved), text, len);

  /* Editing elsewhere in the object loses nothing either. */
  atlas_partner_set_assessment (atlas_dataset_find_partner (dataset, "US"), "Changed.");
  saved_again = atlas_dataset_to_bytes (dataset);
  g_assert_nonnull (strstr (g_bytes_get_data (saved_again, NULL), "\"x-partner\": {"));
  g_assert_nonnull (strstr (g_bytes_get_data (saved_again, NULL), "\"x-history\": ["));

  /* A copy keeps them too, and they count for equality. */
  copy = atlas_partner_copy (atlas_dataset_find_partner (dataset, "US"));
  g_assert_true (atlas_partner_equal (copy, atlas_dataset_find_partner (dataset, "US")));
  reloaded = atlas_dataset_load_bytes (saved_again, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (atlas_partner_equal (copy, atlas_dataset_find_partner (reloaded, "US")));
  g_assert_false (atlas_partner_equal (copy, atlas_dataset_find_partner (bundled, "US")));
}

/* Numbers in unknown keys stay exactly as written, whatever JSON allows:
 * beyond 64 bits, beyond a double, negative zero, a fraction of zero. The
 * layout is the canonical one all the same. */
static void
test_unknown_numbers_exact (void)
{
  static const char * const numbers[] = {
    "123456789012345678901234567890", "-123456789012345678901234567890", "-0", "1e400",
    "-1e-400", "1.0", "1E+2", "0.1", "3.141592653589793238462643383279", "9007199254740993",
    "18446744073709551616", "-9223372036854775809", "0", "-0.0", "1.5e-7",
  };
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "minimal.json", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GString) edited = NULL;
  g_autoptr(GString) expected = g_string_new ("\"x-numbers\": [");
  g_autoptr(GString) compact = g_string_new ("[");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) saved = NULL;
  g_autoptr(GBytes) saved_again = NULL;
  g_autoptr(AtlasDataset) dataset = NULL;
  g_autoptr(AtlasDataset) reloaded = NULL;
  g_autoptr(GError) error = NULL;
  const char *at;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (numbers); i++)
    {
      g_string_append_printf (compact, "%s %s", i > 0 ? "," : "", numbers[i]);
      g_string_append_printf (expected, "%s\n    %s", i > 0 ? "," : "", numbers[i]);
    }
  g_string_append (compact, " ]");
  g_string_append (expected, "\n  ],");

  at = strstr (text, "\"title\"");
  g_assert_nonnull (at);
  edited = g_string_new_len (text, at - text);
  g_string_append_printf (edited, "\"x-numbers\": %s,\n  \"x-nested\": {\"a\" :[ {\"b\":-0 } ,[]], \"c\":{}},\n  ",
                          compact->str);
  g_string_append (edited, at);
  bytes = g_bytes_new (edited->str, edited->len);

  dataset = atlas_dataset_load_bytes (bytes, "numbers.json", NULL, &error);
  g_assert_no_error (error);
  saved = atlas_dataset_to_bytes (dataset);
  g_assert_nonnull (strstr (g_bytes_get_data (saved, NULL), expected->str));
  g_assert_nonnull (strstr (g_bytes_get_data (saved, NULL),
                            "  \"x-nested\": {\n"
                            "    \"a\": [\n"
                            "      {\n"
                            "        \"b\": -0\n"
                            "      },\n"
                            "      []\n"
                            "    ],\n"
                            "    \"c\": {}\n"
                            "  }\n"));

  /* And saving what was saved changes nothing. */
  reloaded = atlas_dataset_load_bytes (saved, "numbers.json", NULL, &error);
  g_assert_no_error (error);
  saved_again = atlas_dataset_to_bytes (reloaded);
  g_assert_true (g_bytes_equal (saved, saved_again));
}

typedef struct
{
  guint  changed;
  guint  indicators_changed;
  char  *lens_id;
} Counts;

static void
count_cb (Counts *counts)
{
  counts->changed++;
}

static void
indicators_changed_cb (AtlasPartner *partner,
                       const char   *lens_id,
                       Counts       *counts)
{
  counts->indicators_changed++;
  g_free (counts->lens_id);
  counts->lens_id = g_strdup (lens_id);
}

static void
test_model_signals (void)
{
  g_autoptr(GBytes) bytes = bundled_bytes ();
  g_autoptr(AtlasDataset) dataset = atlas_dataset_load_bytes (bytes, NULL, NULL, NULL);
  AtlasPartner *partner = atlas_dataset_find_partner (dataset, "KR");
  GListStore *store = atlas_partner_get_documents_store (partner);
  g_autoptr(AtlasDocument) document = NULL;
  Counts dataset_counts = { 0 }, partner_counts = { 0 };

  g_signal_connect_swapped (dataset, "changed", G_CALLBACK (count_cb), &dataset_counts);
  g_signal_connect_swapped (partner, "changed", G_CALLBACK (count_cb), &partner_counts);
  g_signal_connect (partner, "indicators-changed", G_CALLBACK (indicators_changed_cb),
                    &partner_counts);

  /* Budapest: the paper is silent on South Korea. */
  atlas_partner_set_indicator (partner, "budapest_convention", "signatory");
  g_assert_cmpuint (partner_counts.indicators_changed, ==, 1);
  g_assert_cmpstr (partner_counts.lens_id, ==, "budapest_convention");
  g_assert_cmpuint (partner_counts.changed, ==, 1);
  g_assert_cmpuint (dataset_counts.changed, ==, 1);

  /* Unchanged: no signal. */
  atlas_partner_set_indicator (partner, "budapest_convention", "signatory");
  g_assert_cmpuint (partner_counts.indicators_changed, ==, 1);
  atlas_partner_set_indicator (partner, "budapest_convention", NULL);
  g_assert_cmpuint (partner_counts.indicators_changed, ==, 2);
  g_assert_null (atlas_partner_get_indicator (partner, "budapest_convention"));

  /* Deep inside: an entry's property. */
  dataset_counts.changed = partner_counts.changed = 0;
  document = g_object_ref (get_item (G_LIST_MODEL (store), 0));
  atlas_document_set_year (document, 2011);
  g_assert_cmpuint (partner_counts.changed, ==, 1);
  g_assert_cmpuint (dataset_counts.changed, ==, 1);

  /* An entry no longer in the list no longer counts. */
  g_list_store_remove (store, 0);
  g_assert_cmpuint (partner_counts.changed, ==, 2);
  atlas_document_set_year (document, 2012);
  g_assert_cmpuint (partner_counts.changed, ==, 2);
  g_assert_cmpuint (dataset_counts.changed, ==, 2);

  /* The partner list itself. */
  g_object_ref (partner);
  g_assert_cmpint (atlas_dataset_remove_partner (dataset, partner), ==, 8);
  g_assert_cmpuint (dataset_counts.changed, ==, 3);
  atlas_partner_set_name (partner, "Korea");
  g_assert_cmpuint (dataset_counts.changed, ==, 3);
  atlas_dataset_insert_partner (dataset, 0, partner);
  g_assert_true (atlas_dataset_find_partner (dataset, "KR") == partner);
  g_assert_true (get_item (atlas_dataset_get_partners (dataset), 0) == partner);
  g_assert_cmpint (atlas_dataset_remove_partner (dataset, partner), ==, 0);
  g_assert_cmpint (atlas_dataset_remove_partner (dataset, partner), ==, -1);
  g_assert_null (atlas_dataset_find_partner (dataset, "KR"));
  g_signal_handlers_disconnect_by_data (partner, &partner_counts);
  g_object_unref (partner);
  g_free (partner_counts.lens_id);
}

static void
test_model_copy_equal (void)
{
  AtlasPartner *original = find_partner ("US");
  g_autoptr(AtlasPartner) copy = atlas_partner_copy (original);
  AtlasDialogue *dialogue;

  g_assert_true (atlas_partner_equal (copy, original));

  /* Deep: changing the copy's entries leaves the original alone. */
  dialogue = get_item (atlas_partner_get_dialogues (copy), 0);
  atlas_dialogue_set_frequency (dialogue, NULL);
  g_assert_false (atlas_partner_equal (copy, original));
  g_assert_cmpstr (atlas_dialogue_get_frequency (get_item (atlas_partner_get_dialogues (original), 0)),
                   ==, "annual");

  /* Entries on their own. */
  {
    AtlasDialogue *summit = get_item (atlas_partner_get_dialogues (original), 0);
    g_autoptr(AtlasDialogue) summit_copy = atlas_dialogue_copy (summit);

    g_assert_true (atlas_dialogue_equal (summit_copy, summit));
    atlas_dialogue_set_status (summit_copy, "dormant");
    g_assert_false (atlas_dialogue_equal (summit_copy, summit));
  }
}

static void
test_model_entries (void)
{
  g_autoptr(AtlasAgreement) agreement = atlas_agreement_new ("eurojust", "Eurojust agreement");
  g_autoptr(AtlasAgreement) copy = NULL;
  g_autoptr(AtlasHistoryEntry) entry =
    atlas_history_entry_new ("2015-01-01", "indicators.wcit_2012", NULL, "refused", "ITU");
  g_autoptr(AtlasSource) source = atlas_source_new (NULL);
  int in_force = -1;

  /* Required strings are never NULL, nullable ones are. */
  g_assert_cmpstr (atlas_agreement_get_status (agreement), ==, "");
  g_assert_cmpstr (atlas_source_get_id (source), ==, "");
  g_assert_null (atlas_source_get_url (source));
  g_assert_null (atlas_history_entry_get_old_value (entry));

  atlas_agreement_set_in_force (agreement, 2014);
  g_object_get (agreement, "in-force", &in_force, NULL);
  g_assert_cmpint (in_force, ==, 2014);

  copy = atlas_agreement_copy (agreement);
  g_assert_true (atlas_agreement_equal (copy, agreement));
  atlas_agreement_set_signed (copy, 2013);
  g_assert_false (atlas_agreement_equal (copy, agreement));

  g_object_set (entry, "new-value", NULL, NULL);
  g_assert_null (atlas_history_entry_get_new_value (entry));
}

static void
test_validate_edited (void)
{
  g_autoptr(GBytes) bytes = bundled_bytes ();
  g_autoptr(AtlasDataset) dataset = atlas_dataset_load_bytes (bytes, NULL, NULL, NULL);
  AtlasPartner *partner = atlas_dataset_find_partner (dataset, "JP");
  AtlasDocument *document = get_item (atlas_partner_get_documents (partner), 1);
  g_autoptr(GPtrArray) problems = NULL;
  AtlasProblem *problem;

  atlas_document_set_url (document, "www.example.org");
  problems = atlas_dataset_validate (dataset, "edited");
  g_assert_cmpuint (problems->len, ==, 1);
  problem = g_ptr_array_index (problems, 0);
  g_assert_cmpstr (problem->path, ==, "partners[7].documents[1].url");
  g_assert_cmpint (problem->line, ==, 0);
}

static void
test_new_bundled (void)
{
  g_autoptr(AtlasDataset) dataset = atlas_dataset_new_bundled ();

  g_assert_cmpuint (atlas_dataset_get_n_partners (dataset), ==, 10);
  g_assert_cmpuint (atlas_dataset_get_subject_color (dataset), ==, 0x003399);
  g_assert_cmpstr (atlas_dataset_get_subject_color_string (dataset), ==, "#003399");
}

/* Done means (issue 9): as of 2014-06-30 the bundled dataset gives the
 * paper's values, every indicator, dialogue, agreement, document and
 * assessment, and the members of then. */
static void
test_bundled_as_of_paper (void)
{
  g_autoptr(AtlasDataset) then = atlas_timeline_dup_as_of (current, "2014-06-30");
  GListModel *paper_partners = atlas_dataset_get_partners (bundled);

  g_assert_nonnull (then);
  g_assert_cmpstr (atlas_dataset_get_as_of (then), ==, "2014-06-30");
  g_assert_cmpuint (atlas_dataset_get_n_partners (then), ==, g_list_model_get_n_items (paper_partners));
  {
    g_auto(GStrv) members = atlas_dataset_dup_members_at (then, NULL);
    g_auto(GStrv) paper_members = g_strdupv ((char **) atlas_dataset_get_members (bundled));

    g_assert_cmpuint (g_strv_length (members), ==, 28);
    g_assert_true (g_strv_equal ((const char * const *) members, (const char * const *) paper_members));
  }

  for (guint i = 0; i < g_list_model_get_n_items (paper_partners); i++)
    {
      g_autoptr(AtlasPartner) paper = g_list_model_get_item (paper_partners, i);
      AtlasPartner *partner = atlas_dataset_find_partner (then, atlas_partner_get_id (paper));
      g_auto(GStrv) lenses = NULL;
      g_auto(GStrv) paper_lenses = NULL;

      g_test_message ("partner %s", atlas_partner_get_id (paper));
      g_assert_nonnull (partner);
      lenses = atlas_partner_dup_indicator_lenses (partner);
      paper_lenses = atlas_partner_dup_indicator_lenses (paper);
      g_assert_cmpstrv (lenses, paper_lenses);
      for (guint j = 0; paper_lenses[j] != NULL; j++)
        g_assert_cmpstr (atlas_partner_get_indicator (partner, paper_lenses[j]), ==,
                         atlas_partner_get_indicator (paper, paper_lenses[j]));
      g_assert_cmpstr (atlas_partner_get_assessment (partner), ==, atlas_partner_get_assessment (paper));
      g_assert_true (lists_equal (atlas_partner_get_documents (partner), atlas_partner_get_documents (paper),
                                  (GEqualFunc) atlas_document_equal));
      g_assert_true (lists_equal (atlas_partner_get_dialogues (partner), atlas_partner_get_dialogues (paper),
                                  (GEqualFunc) atlas_dialogue_equal));
      g_assert_true (lists_equal (atlas_partner_get_agreements (partner), atlas_partner_get_agreements (paper),
                                  (GEqualFunc) atlas_agreement_equal));
    }

  /* And a day before each change, the value before it; on the day, after. */
  {
    g_autoptr(AtlasDataset) before = atlas_timeline_dup_as_of (current, "2015-07-07");
    g_autoptr(AtlasDataset) on = atlas_timeline_dup_as_of (current, "2015-07-08");

    g_assert_cmpstr (atlas_partner_get_indicator (atlas_dataset_find_partner (before, "CA"),
                                                  "budapest_convention"), ==, "signatory");
    g_assert_cmpstr (atlas_partner_get_indicator (atlas_dataset_find_partner (on, "CA"),
                                                  "budapest_convention"), ==, "party");
  }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  atlas_core_init ();

  bytes = bundled_bytes ();
  current = atlas_dataset_load_bytes (bytes, "dataset.json", NULL, &error);
  g_assert_no_error (error);
  {
    g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "paper-2014.json", NULL);
    g_autoptr(GFile) file = g_file_new_for_path (path);

    bundled = atlas_dataset_load_file (file, NULL, NULL, NULL, &error);
    g_assert_no_error (error);
  }

  g_test_add_func ("/dataset/bundled/new", test_new_bundled);
  g_test_add_func ("/dataset/paper/top-level", test_bundled_top);
  g_test_add_func ("/dataset/paper/lenses", test_bundled_lenses);
  g_test_add_func ("/dataset/paper/partners", test_bundled_partners);
  g_test_add_func ("/dataset/paper/documents", test_bundled_documents);
  g_test_add_func ("/dataset/paper/dialogues", test_bundled_dialogues);
  g_test_add_func ("/dataset/paper/agreements", test_bundled_agreements);
  g_test_add_func ("/dataset/bundled/since-2014", test_bundled_since_2014);
  g_test_add_func ("/dataset/bundled/as-of-paper", test_bundled_as_of_paper);
  g_test_add_func ("/dataset/bundled/round-trip", test_bundled_round_trip);
  g_test_add_func ("/dataset/bundled/subject-indicators", test_subject_indicators);
  g_test_add_func ("/dataset/bundled/validates", test_bundled_validates);
  g_test_add_func ("/dataset/bundled/translated-names", test_translated_names);
  g_test_add_func ("/dataset/bundled/display-names", test_display_names);
  g_test_add_func ("/dataset/unknown-keys", test_unknown_keys);
  g_test_add_func ("/dataset/unknown-numbers-exact", test_unknown_numbers_exact);
  g_test_add_func ("/dataset/model/signals", test_model_signals);
  g_test_add_func ("/dataset/model/copy-equal", test_model_copy_equal);
  g_test_add_func ("/dataset/model/entries", test_model_entries);
  g_test_add_func ("/dataset/model/validate-edited", test_validate_edited);
  g_test_add_func ("/iso-codes/lookups", test_iso_codes);
  g_test_add_func ("/iso-codes/localized", test_iso_codes_localized);

  status = g_test_run ();
  g_clear_object (&bundled);
  g_clear_object (&current);

  return status;
}

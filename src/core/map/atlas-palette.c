/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The palette rules of atlas-palette.h. Little CMS converts sRGB to CIELAB
 * and computes CIEDE2000 (a formula easy to get subtly wrong by hand); the
 * three-by-three colour-vision matrices are the only maths done here. */

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>
#include <lcms2.h>

#include "atlas-palette.h"

/* Machado, Oliveira and Fernandes (2009), severity 1.0, on linear sRGB */
static const double cvd_matrices[ATLAS_N_VISIONS][3][3] = {
  [ATLAS_VISION_NORMAL] = {
    { 1, 0, 0 }, { 0, 1, 0 }, { 0, 0, 1 },
  },
  [ATLAS_VISION_DEUTERANOPIA] = {
    { 0.367322, 0.860646, -0.227968 },
    { 0.280085, 0.672501, 0.047413 },
    { -0.011820, 0.042940, 0.968881 },
  },
  [ATLAS_VISION_PROTANOPIA] = {
    { 0.152286, 1.052583, -0.204868 },
    { 0.114503, 0.786281, 0.099216 },
    { -0.003882, -0.048116, 1.051998 },
  },
};

static cmsHTRANSFORM
get_transform (void)
{
  static gsize transform;

  if (g_once_init_enter (&transform))
    {
      cmsHPROFILE srgb = cmsCreate_sRGBProfile ();
      cmsHPROFILE lab = cmsCreateLab4Profile (NULL);
      cmsHTRANSFORM created = cmsCreateTransform (srgb, TYPE_RGB_DBL, lab, TYPE_Lab_DBL,
                                                  INTENT_ABSOLUTE_COLORIMETRIC, cmsFLAGS_NOCACHE);

      cmsCloseProfile (srgb);
      cmsCloseProfile (lab);
      g_once_init_leave (&transform, (gsize) created);
    }
  return (cmsHTRANSFORM) transform;
}

static double
to_linear (double c)
{
  return c <= 0.04045 ? c / 12.92 : pow ((c + 0.055) / 1.055, 2.4);
}

static double
from_linear (double c)
{
  c = CLAMP (c, 0.0, 1.0);
  return c <= 0.0031308 ? 12.92 * c : 1.055 * pow (c, 1 / 2.4) - 0.055;
}

void
atlas_palette_lab (guint32     rgb,
                   AtlasVision vision,
                   double      lab[3])
{
  double in[3] = { ((rgb >> 16) & 0xff) / 255.0, ((rgb >> 8) & 0xff) / 255.0, (rgb & 0xff) / 255.0 };
  double seen[3];
  cmsCIELab out;

  g_return_if_fail (vision < ATLAS_N_VISIONS);

  for (int i = 0; i < 3; i++)
    in[i] = to_linear (in[i]);
  for (int i = 0; i < 3; i++)
    seen[i] = from_linear (cvd_matrices[vision][i][0] * in[0] +
                           cvd_matrices[vision][i][1] * in[1] +
                           cvd_matrices[vision][i][2] * in[2]);
  cmsDoTransform (get_transform (), seen, &out, 1);
  lab[0] = out.L;
  lab[1] = out.a;
  lab[2] = out.b;
}

double
atlas_palette_delta_e (guint32     a,
                       guint32     b,
                       AtlasVision vision)
{
  double la[3], lb[3];
  cmsCIELab ca, cb;

  atlas_palette_lab (a, vision, la);
  atlas_palette_lab (b, vision, lb);
  ca = (cmsCIELab) { la[0], la[1], la[2] };
  cb = (cmsCIELab) { lb[0], lb[1], lb[2] };
  return cmsCIE2000DeltaE (&ca, &cb, 1, 1, 1);
}

const char *
atlas_palette_vision_name (AtlasVision vision)
{
  switch (vision)
    {
    case ATLAS_VISION_DEUTERANOPIA:
      return _("deuteranopia");
    case ATLAS_VISION_PROTANOPIA:
      return _("protanopia");
    case ATLAS_VISION_NORMAL:
    default:
      return _("normal vision");
    }
}

typedef struct
{
  const char *name;
  guint32     color;
} Swatch;

GPtrArray *
atlas_palette_check_lens (AtlasLens *lens,
                          guint32    subject_color)
{
  GPtrArray *problems = g_ptr_array_new_with_free_func (g_free);
  GListModel *categories;
  g_autoptr(GArray) swatches = g_array_new (FALSE, FALSE, sizeof (Swatch));
  g_autoptr(GPtrArray) keep = g_ptr_array_new_with_free_func (g_object_unref);
  guint n;

  g_return_val_if_fail (ATLAS_IS_LENS (lens), problems);

  categories = atlas_lens_get_categories (lens);
  n = g_list_model_get_n_items (categories);
  for (guint i = 0; i < n; i++)
    {
      AtlasCategory *category = g_list_model_get_item (categories, i);
      Swatch s = { atlas_category_get_name (category), atlas_category_get_color (category) };

      g_ptr_array_add (keep, category);
      g_array_append_val (swatches, s);
    }
  /* The map's own colours, which the categories sit beside */
  g_array_append_val (swatches, ((Swatch) { _("No data"), ATLAS_NO_DATA_COLOR }));
  g_array_append_val (swatches, ((Swatch) { _("Other countries"), ATLAS_OTHER_COUNTRIES_COLOR }));
  g_array_append_val (swatches, ((Swatch) { _("the subject"), subject_color }));

  for (guint i = 0; i < n; i++)
    for (guint j = i + 1; j < swatches->len; j++)
      {
        Swatch *a = &g_array_index (swatches, Swatch, i);
        Swatch *b = &g_array_index (swatches, Swatch, j);

        for (AtlasVision v = 0; v < ATLAS_N_VISIONS; v++)
          {
            double d = atlas_palette_delta_e (a->color, b->color, v);

            if (d < ATLAS_PALETTE_MIN_DELTA_E)
              {
                /* Translators: two colours of the map too close; ΔE is the CIEDE2000 difference */
                g_ptr_array_add (problems, g_strdup_printf (_("“%s” and “%s” are only ΔE %.1f apart in %s (at least %.0f needed)"),
                                                            a->name, b->name, d, atlas_palette_vision_name (v),
                                                            ATLAS_PALETTE_MIN_DELTA_E));
                break;
              }
          }
      }

  if (n == 2)
    {
      double la[3], lb[3];

      atlas_palette_lab (g_array_index (swatches, Swatch, 0).color, ATLAS_VISION_NORMAL, la);
      atlas_palette_lab (g_array_index (swatches, Swatch, 1).color, ATLAS_VISION_NORMAL, lb);
      if (fabs (la[0] - lb[0]) < ATLAS_PALETTE_MIN_TWO_STEP)
        g_ptr_array_add (problems, g_strdup_printf (_("“%s” (L* %.0f) and “%s” (L* %.0f) differ by %.0f in lightness: a grey print shows them alike (at least %.0f needed)"),
                                                    g_array_index (swatches, Swatch, 0).name, la[0],
                                                    g_array_index (swatches, Swatch, 1).name, lb[0],
                                                    fabs (la[0] - lb[0]), ATLAS_PALETTE_MIN_TWO_STEP));
    }
  else if (atlas_lens_get_ordered (lens) && n > 2)
    {
      g_autofree double *lightness = g_new (double, n);
      double direction;

      for (guint i = 0; i < n; i++)
        {
          double lab[3];

          atlas_palette_lab (g_array_index (swatches, Swatch, i).color, ATLAS_VISION_NORMAL, lab);
          lightness[i] = lab[0];
        }
      direction = lightness[n - 1] >= lightness[0] ? 1 : -1;
      for (guint i = 0; i + 1 < n; i++)
        {
          double step = (lightness[i + 1] - lightness[i]) * direction;

          if (step < ATLAS_PALETTE_MIN_STEP)
            g_ptr_array_add (problems, g_strdup_printf (_("The lens is ordered, but its lightness does not run with the order: “%s” L* %.0f, “%s” L* %.0f (steps of at least %.0f needed)"),
                                                        g_array_index (swatches, Swatch, i).name, lightness[i],
                                                        g_array_index (swatches, Swatch, i + 1).name, lightness[i + 1],
                                                        ATLAS_PALETTE_MIN_STEP));
        }
    }

  return problems;
}

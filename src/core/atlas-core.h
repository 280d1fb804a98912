/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "atlas-dataset.h"
#include "atlas-dataset-io.h"
#include "atlas-entries.h"
#include "atlas-format-rules.h"
#include "atlas-iso-codes.h"
#include "atlas-lens.h"
#include "atlas-partner.h"
#include "atlas-problem.h"
#include "atlas-text.h"
#include "atlas-translations.h"
#include "atlas-timeline.h"

G_BEGIN_DECLS

/* Safe to call more than once and from any thread; the app and the tests
 * call it first thing. */
void atlas_core_init (void);

G_END_DECLS

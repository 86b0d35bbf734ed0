/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* What a screen reader reads, where GTK 4.8's own tree says too much or
 * too little.  Each helper names the fault it mends. */

/* A stack or squeezer shows one child; GTK 4.8 leaves the others in the
 * accessibility tree as if they were on screen.  Keeps every child but the
 * visible one hidden from assistive technologies, now and on each change.
 * @container is a GtkStack or AdwSqueezer. */
void msa_accessible_follow_visible_child (GtkWidget  *container);
/* The same once, for a child added since. */
void msa_accessible_sync_visible_child   (GtkWidget  *container);

/* Takes out of the tree, under @root, every picture, icon and spinner
 * that was not given a label with msa_accessible_set_label(): those only
 * decorate, or repeat what the text beside them says (libadwaita's own
 * arrows and pencils, a check box's box); and the labels inside entry
 * rows, which repeat the field's name. */
void msa_accessible_tidy                 (GtkWidget  *root);

/* A picture or icon that only decorates: out of the tree. */
void msa_accessible_hide                 (GtkWidget  *widget);

/* A picture or icon that says something: @label is what it says. */
void msa_accessible_set_label            (GtkWidget  *widget,
                                          const char *label);

/* GTK 4.8 offers no accessibility action for a check button or a list
 * row: adds one, named @name (e.g. "select"), that does what a click
 * does.  For a check button it makes it active; for a row it activates
 * it. */
void msa_accessible_add_action           (GtkWidget  *widget,
                                          const char *name);

/* Says @text to a screen reader now: an announcement where GTK has them
 * (4.14), otherwise by moving the keyboard focus to @widget, which must
 * be able to take it and whose name is @text. */
void msa_accessible_announce             (GtkWidget  *widget,
                                          const char *text);

/* A combo row's choices as accessibility actions, "choose.KEY" for the
 * item at each position of @keys (NULL-terminated, one per item): GTK 4.8
 * gives a screen reader no other way to pick an item. */
void msa_accessible_add_choice_actions   (GtkWidget          *combo_row,
                                          const char * const *keys);

G_END_DECLS

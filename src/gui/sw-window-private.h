/* What sw-window.c and sw-window-actions.c share. */
#pragma once

#include <shumate/shumate.h>

#include "sw-action-plan-view.h"
#include "sw-basemap-source.h"
#include "sw-crs-transform.h"
#include "sw-finding-layer.h"
#include "sw-place-layer.h"
#include "sw-place-list.h"
#include "sw-finding-tool.h"
#include "sw-photo-import-bar.h"
#include "sw-route-editor.h"
#include "sw-route-layer.h"
#include "sw-sidebar.h"
#include "sw-situation-view.h"
#include "sw-track-layer.h"
#include "sw-window.h"

G_BEGIN_DECLS

struct _SwWindow
{
  AdwApplicationWindow parent_instance;

  GSettings *settings;
  /* Cancelled when the window closes, stopping its background work. */
  GCancellable *cancellable;

  /* The project file from the moment it starts opening, so a second
   * request for the same file finds this window. */
  GFile *file;
  SwProject *project;
  guint loading_timeout_id;
  guint n_saving;

  SwBasemapSource *basemap;
  SwRouteLayer *route_layer;
  SwFindingLayer *finding_layer;
  guint basemap_retry_id;
  guint basemap_reload_id;
  guint fit_tick_id;

  gboolean sidebar_visible;

  /* Template children */
  AdwToastOverlay *toast_overlay;
  AdwViewSwitcherTitle *window_title;
  GtkToggleButton *sidebar_button;
  GtkMenuButton *primary_menu_button;
  GMenu *recent_submenu;
  GtkStack *main_stack;
  AdwStatusPage *empty_page;
  AdwStatusPage *loading_page;
  GtkButton *demo_button;
  AdwFlap *flap;
  SwSidebar *sidebar;
  ShumateSimpleMap *map;
  GtkRevealer *basemap_problem_revealer;
  GtkLabel *basemap_problem_label;

  /* The views beside the map: sw-window-views.c */
  AdwViewStack *view_stack;
  SwActionPlanView *action_plan_view;
  SwSituationView *situation_view;
  GtkStack *sidebar_stack;
  SwPlaceList *place_list;
  SwPlaceLayer *place_layer;

  /* Planning a walk: sw-window-routes.c */
  SwRouteEditor *route_editor;
  SwRoute *edited_route;
  /* The walk a new route is drawn for, chosen when drawing begins. */
  char *drawing_walk_uuid;
  SwCrsTransform *length_transform;
  GtkToggleButton *draw_route_button;
  GtkButton *add_stop_button;
  GtkRevealer *route_length_revealer;
  GtkLabel *route_length_label;

  /* Recording findings: sw-window-findings.c */
  SwFindingTool *finding_tool;
  GtkToggleButton *add_finding_button;
  GtkRevealer *add_finding_revealer;
  gboolean pointer_in_map;
  double pointer_x;
  double pointer_y;

  /* Tracks, other tools' files, volunteer copies and merging:
   * sw-window-import.c and sw-window-merge.c */
  SwTrackLayer *track_layer;
  guint n_importing;
  GCancellable *merge_cancellable;
  /* The copy kept before the last merge, and that merge's undo label */
  GFile *merge_backup;
  char *merge_label;
  /* Bringing photos in: sw-window-photos.c */
  SwPhotoImportBar *photo_import_bar;
};

void _sw_window_class_actions_init (SwWindowClass *klass);
void _sw_window_actions_update     (SwWindow      *self);

void     _sw_window_class_routes_init  (SwWindowClass *klass);
void     _sw_window_routes_init        (SwWindow      *self);
void     _sw_window_routes_dispose     (SwWindow      *self);
void     _sw_window_routes_set_project (SwWindow      *self);
void     _sw_window_routes_update      (SwWindow      *self);
gboolean _sw_window_routes_undo        (SwWindow      *self);
gboolean _sw_window_routes_redo        (SwWindow      *self);

void     _sw_window_class_findings_init  (SwWindowClass *klass);
void     _sw_window_findings_init        (SwWindow      *self);
void     _sw_window_findings_dispose     (SwWindow      *self);
void     _sw_window_findings_set_project (SwWindow      *self);
void     _sw_window_findings_update      (SwWindow      *self);

void     _sw_window_class_import_init (SwWindowClass *klass);
void     _sw_window_import_update     (SwWindow      *self);
/* Whether @file is a track or map file that Import takes, by its name. */
gboolean _sw_window_import_accepts    (GFile         *file);
void     _sw_window_import_files      (SwWindow      *self,
                                       GPtrArray     *files);

void     _sw_window_class_merge_init  (SwWindowClass *klass);
void     _sw_window_merge_dispose     (SwWindow      *self);
void     _sw_window_merge_update      (SwWindow      *self);
SwWalk  *_sw_window_get_walk_for_new_finding (SwWindow *self);

void     _sw_window_class_photos_init  (SwWindowClass *klass);
void     _sw_window_photos_init        (SwWindow      *self);
void     _sw_window_photos_update      (SwWindow      *self);
gboolean _sw_window_photos_wants_drop  (SwWindow      *self,
                                        GPtrArray     *files);
struct _SwPhotoImportDialog *_sw_window_photos_show_import (SwWindow  *self,
                                                            GPtrArray *files);
SwPhotoImportBar *_sw_window_get_photo_import_bar (SwWindow *self);

void     _sw_window_class_views_init  (SwWindowClass *klass);
void     _sw_window_views_init        (SwWindow      *self);
void     _sw_window_views_dispose     (SwWindow      *self);
void     _sw_window_views_set_project (SwWindow      *self);
void     _sw_window_views_update      (SwWindow      *self);

G_END_DECLS

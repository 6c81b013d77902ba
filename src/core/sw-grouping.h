/* Grouping points that stand close together: the step from findings to
 * places. Pure geometry on metric coordinates, so it can run in a worker
 * thread and be tested without a project. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Gives each of the @n points (x, y pairs in metres, @xy holding 2 * @n
 * values) a group number in @groups: points closer than @distance to each
 * other, directly or through a chain of such points, share a number.
 * Groups are numbered 0, 1, ... in the order of their first point. Returns
 * the number of groups. Uses a GEOS STRtree, one query per point, and a
 * union-find over the answers. */
guint sw_group_points (const double *xy,
                       guint         n,
                       double        distance,
                       guint        *groups);

G_END_DECLS

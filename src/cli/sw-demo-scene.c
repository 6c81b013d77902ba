/* Evening street scenes drawn with cairo, the stand-in photos of the demo.
 *
 * Each scene suggests what a volunteer would photograph for one kind of
 * finding: a lamppost with a broken light, bushes over a path, a tunnel
 * mouth, a wall with graffiti. They are drawn, not photographed, so the
 * demo needs no image files and always builds the same pictures. */
#define G_LOG_DOMAIN "sw-demo-scene"

#include "config.h"

#include <math.h>

#include <cairo.h>
#include <gio/gio.h>
#include <glib/gi18n.h>
#include <pango/pangocairo.h>

#include "sw-demo-scene.h"

typedef struct
{
  cairo_t *cr;
  GRand *rand;
  double width;
  double height;
  /* Where the ground meets the sky. */
  double horizon;
} Canvas;

typedef void (*SceneFunc) (Canvas *canvas);

/* Shorthands in units of the canvas, so scenes draw at any size. */
#define X(c, f) ((f) * (c)->width)
#define Y(c, f) ((f) * (c)->height)

static double
random_between (Canvas *canvas, double low, double high)
{
  return g_rand_double_range (canvas->rand, low, high);
}

static void
set_rgb (cairo_t *cr, guint32 rgb, double alpha)
{
  cairo_set_source_rgba (cr, ((rgb >> 16) & 0xff) / 255.0, ((rgb >> 8) & 0xff) / 255.0,
                         (rgb & 0xff) / 255.0, alpha);
}

static void
add_stop (cairo_pattern_t *pattern, double offset, guint32 rgb, double alpha)
{
  cairo_pattern_add_color_stop_rgba (pattern, offset, ((rgb >> 16) & 0xff) / 255.0,
                                     ((rgb >> 8) & 0xff) / 255.0, (rgb & 0xff) / 255.0, alpha);
}

/* A night sky with the orange haze a town throws up near the horizon. */
static void
paint_sky (Canvas *canvas)
{
  cairo_t *cr = canvas->cr;
  cairo_pattern_t *sky;

  sky = cairo_pattern_create_linear (0, 0, 0, canvas->horizon);
  add_stop (sky, 0.0, 0x070a1a, 1.0);
  add_stop (sky, 0.6, 0x151b36, 1.0);
  add_stop (sky, 1.0, 0x3b3448, 1.0);
  cairo_set_source (cr, sky);
  cairo_rectangle (cr, 0, 0, canvas->width, canvas->horizon);
  cairo_fill (cr);
  cairo_pattern_destroy (sky);

  for (int i = 0; i < 40; i++)
    {
      set_rgb (cr, 0xdde4ff, random_between (canvas, 0.2, 0.7));
      cairo_arc (cr, random_between (canvas, 0, canvas->width),
                 random_between (canvas, 0, canvas->horizon * 0.6),
                 random_between (canvas, 0.8, 2.0), 0, 2 * G_PI);
      cairo_fill (cr);
    }
}

static void
paint_ground (Canvas *canvas, guint32 near, guint32 far)
{
  cairo_t *cr = canvas->cr;
  cairo_pattern_t *ground;

  ground = cairo_pattern_create_linear (0, canvas->horizon, 0, canvas->height);
  add_stop (ground, 0.0, far, 1.0);
  add_stop (ground, 1.0, near, 1.0);
  cairo_set_source (cr, ground);
  cairo_rectangle (cr, 0, canvas->horizon, canvas->width, canvas->height - canvas->horizon);
  cairo_fill (cr);
  cairo_pattern_destroy (ground);
}

/* Light falling off around (x, y). */
static void
paint_glow (Canvas *canvas, double x, double y, double radius, guint32 rgb, double alpha)
{
  cairo_t *cr = canvas->cr;
  cairo_pattern_t *glow;

  glow = cairo_pattern_create_radial (x, y, 0, x, y, radius);
  add_stop (glow, 0.0, rgb, alpha);
  add_stop (glow, 0.25, rgb, alpha * 0.45);
  add_stop (glow, 1.0, rgb, 0.0);
  cairo_set_source (cr, glow);
  cairo_arc (cr, x, y, radius, 0, 2 * G_PI);
  cairo_fill (cr);
  cairo_pattern_destroy (glow);
}

/* A pool of light on the ground, flattened by the view. */
static void
paint_light_pool (Canvas *canvas, double x, double y, double radius, guint32 rgb, double alpha)
{
  cairo_t *cr = canvas->cr;

  cairo_save (cr);
  cairo_translate (cr, x, y);
  cairo_scale (cr, 1.0, 0.3);
  paint_glow (canvas, 0, 0, radius, rgb, alpha);
  cairo_restore (cr);
}

typedef enum
{
  LAMP_LIT,
  LAMP_BROKEN,
  LAMP_FLICKERING,
} LampState;

/* A street lamp standing at (x, base) of the given height; a broken one
 * has a dark, cracked head and throws no light. */
static void
paint_lamppost (Canvas *canvas, double x, double base, double height, LampState state)
{
  cairo_t *cr = canvas->cr;
  double pole = MAX (2.0, height * 0.025);
  double head_x = x + height * 0.16;
  double head_y = base - height;

  if (state != LAMP_BROKEN)
    {
      double strength = state == LAMP_LIT ? 1.0 : 0.35;
      cairo_pattern_t *cone;

      paint_light_pool (canvas, head_x, base, height * 0.9, 0xffd58a, 0.55 * strength);
      cone = cairo_pattern_create_linear (0, head_y, 0, base);
      add_stop (cone, 0.0, 0xffe2a8, 0.30 * strength);
      add_stop (cone, 1.0, 0xffe2a8, 0.0);
      cairo_set_source (cr, cone);
      cairo_move_to (cr, head_x - height * 0.05, head_y);
      cairo_line_to (cr, head_x + height * 0.05, head_y);
      cairo_line_to (cr, head_x + height * 0.45, base);
      cairo_line_to (cr, head_x - height * 0.45, base);
      cairo_close_path (cr);
      cairo_fill (cr);
      cairo_pattern_destroy (cone);
    }

  set_rgb (cr, 0x1b1d22, 1.0);
  cairo_rectangle (cr, x - pole / 2, head_y, pole, height);
  cairo_fill (cr);
  cairo_set_line_width (cr, pole * 0.8);
  cairo_move_to (cr, x, head_y + pole);
  cairo_curve_to (cr, x, head_y - height * 0.03, head_x, head_y - height * 0.03, head_x, head_y);
  cairo_stroke (cr);

  /* The head. */
  cairo_rectangle (cr, head_x - height * 0.06, head_y, height * 0.12, height * 0.035);
  cairo_fill (cr);
  if (state == LAMP_BROKEN)
    {
      set_rgb (cr, 0x30343c, 1.0);
      cairo_rectangle (cr, head_x - height * 0.05, head_y + height * 0.03, height * 0.1,
                       height * 0.015);
      cairo_fill (cr);
      set_rgb (cr, 0x0b0c0f, 1.0);
      cairo_set_line_width (cr, 1.5);
      cairo_move_to (cr, head_x - height * 0.03, head_y + height * 0.03);
      cairo_line_to (cr, head_x + height * 0.01, head_y + height * 0.045);
      cairo_line_to (cr, head_x + height * 0.035, head_y + height * 0.032);
      cairo_stroke (cr);
      /* Glass on the ground below. */
      for (int i = 0; i < 14; i++)
        {
          double gx = head_x + random_between (canvas, -height * 0.15, height * 0.15);
          double gy = base + random_between (canvas, -height * 0.02, height * 0.04);

          set_rgb (cr, 0x9aa6b8, random_between (canvas, 0.3, 0.8));
          cairo_move_to (cr, gx, gy);
          cairo_rel_line_to (cr, random_between (canvas, 2, 7), random_between (canvas, -3, 3));
          cairo_rel_line_to (cr, random_between (canvas, -5, 0), random_between (canvas, 2, 5));
          cairo_close_path (cr);
          cairo_fill (cr);
        }
    }
  else
    {
      double strength = state == LAMP_LIT ? 1.0 : 0.4;

      set_rgb (cr, state == LAMP_LIT ? 0xfff1c9 : 0xcfe8d0, 1.0);
      cairo_rectangle (cr, head_x - height * 0.05, head_y + height * 0.03, height * 0.1,
                       height * 0.015);
      cairo_fill (cr);
      paint_glow (canvas, head_x, head_y + height * 0.04, height * 0.45, 0xffd58a, 0.7 * strength);
    }
}

/* Dark blocks of houses along the horizon, some windows lit. */
static void
paint_skyline (Canvas *canvas, double lit_share, guint32 window_rgb)
{
  cairo_t *cr = canvas->cr;
  double x = -X (canvas, 0.02);

  while (x < canvas->width)
    {
      double w = random_between (canvas, X (canvas, 0.08), X (canvas, 0.2));
      double h = random_between (canvas, Y (canvas, 0.08), Y (canvas, 0.22));
      double top = canvas->horizon - h;
      double win = w / 9;

      set_rgb (cr, 0x101219, 1.0);
      cairo_rectangle (cr, x, top, w, h);
      cairo_fill (cr);

      for (double wy = top + win; wy < canvas->horizon - win * 1.5; wy += win * 1.8)
        for (double wx = x + win; wx < x + w - win; wx += win * 2)
          if (g_rand_double (canvas->rand) < lit_share)
            {
              set_rgb (cr, window_rgb, random_between (canvas, 0.55, 0.95));
              cairo_rectangle (cr, wx, wy, win, win * 1.1);
              cairo_fill (cr);
            }
      x += w + random_between (canvas, 0, X (canvas, 0.03));
    }
}

/* A path running away from the viewer towards (vanish_x, horizon). */
static void
paint_path (Canvas *canvas, double vanish_x, double near_left, double near_right, guint32 rgb)
{
  cairo_t *cr = canvas->cr;
  cairo_pattern_t *fade;

  fade = cairo_pattern_create_linear (0, canvas->horizon, 0, canvas->height);
  add_stop (fade, 0.0, 0x050506, 1.0);
  add_stop (fade, 1.0, rgb, 1.0);
  cairo_set_source (cr, fade);
  cairo_move_to (cr, near_left, canvas->height);
  cairo_line_to (cr, vanish_x - X (canvas, 0.004), canvas->horizon);
  cairo_line_to (cr, vanish_x + X (canvas, 0.004), canvas->horizon);
  cairo_line_to (cr, near_right, canvas->height);
  cairo_close_path (cr);
  cairo_fill (cr);
  cairo_pattern_destroy (fade);
}

/* A clump of leaves: many overlapping dark green circles. */
static void
paint_bush (Canvas *canvas, double x, double y, double radius, double light)
{
  cairo_t *cr = canvas->cr;

  for (int i = 0; i < 28; i++)
    {
      double angle = random_between (canvas, 0, 2 * G_PI);
      double distance = random_between (canvas, 0, radius * 0.75);
      double shade = random_between (canvas, 0.05, 0.16) + light * 0.12;

      cairo_set_source_rgb (cr, shade * 0.55, shade * 1.05, shade * 0.6);
      cairo_arc (cr, x + cos (angle) * distance, y + sin (angle) * distance * 0.7,
                 radius * random_between (canvas, 0.25, 0.5), 0, 2 * G_PI);
      cairo_fill (cr);
    }
}

static void
paint_tree_line (Canvas *canvas, double left, double right)
{
  for (double x = left; x < right; x += random_between (canvas, X (canvas, 0.03), X (canvas, 0.07)))
    {
      double size = random_between (canvas, Y (canvas, 0.08), Y (canvas, 0.16));

      cairo_set_source_rgb (canvas->cr, 0.02, 0.035, 0.03);
      cairo_arc (canvas->cr, x, canvas->horizon - size * 0.8, size, 0, 2 * G_PI);
      cairo_fill (canvas->cr);
    }
}

static void
paint_person (Canvas *canvas, double x, double base, double height, guint32 rgb)
{
  cairo_t *cr = canvas->cr;
  double head = height * 0.075;

  set_rgb (cr, rgb, 1.0);
  cairo_arc (cr, x, base - height + head, head, 0, 2 * G_PI);
  cairo_fill (cr);
  cairo_move_to (cr, x - height * 0.12, base - height * 0.45);
  cairo_curve_to (cr, x - height * 0.12, base - height * 0.85, x + height * 0.12,
                  base - height * 0.85, x + height * 0.12, base - height * 0.45);
  cairo_line_to (cr, x + height * 0.07, base);
  cairo_line_to (cr, x - height * 0.07, base);
  cairo_close_path (cr);
  cairo_fill (cr);
}

/* A tag: a few thick looping strokes. */
static void
paint_tag (Canvas *canvas, double x, double y, double size, guint32 rgb)
{
  cairo_t *cr = canvas->cr;

  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_width (cr, size * 0.09);
  set_rgb (cr, rgb, 0.75);
  cairo_move_to (cr, x, y);
  for (int i = 0; i < 5; i++)
    cairo_rel_curve_to (cr, random_between (canvas, -size * 0.3, size * 0.5),
                        random_between (canvas, -size * 0.6, size * 0.2),
                        random_between (canvas, 0, size * 0.5),
                        random_between (canvas, -size * 0.5, size * 0.5),
                        random_between (canvas, size * 0.15, size * 0.35),
                        random_between (canvas, -size * 0.2, size * 0.2));
  cairo_stroke (cr);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
}

static void
paint_litter (Canvas *canvas, double left, double right, double top, int count)
{
  static const guint32 colors[] = { 0xd8d8d0, 0xc0392b, 0x2e86c1, 0xe0b040, 0x8e8e8e };
  cairo_t *cr = canvas->cr;

  for (int i = 0; i < count; i++)
    {
      double x = random_between (canvas, left, right);
      double y = random_between (canvas, top, canvas->height);
      double scale = 0.4 + (y - canvas->horizon) / (canvas->height - canvas->horizon);

      cairo_save (cr);
      cairo_translate (cr, x, y);
      cairo_rotate (cr, random_between (canvas, 0, G_PI));
      set_rgb (cr, colors[g_rand_int_range (canvas->rand, 0, G_N_ELEMENTS (colors))], 0.6);
      cairo_rectangle (cr, 0, 0, X (canvas, 0.012) * scale, Y (canvas, 0.008) * scale);
      cairo_fill (cr);
      cairo_restore (cr);
    }
}

static void
paint_brick_wall (Canvas *canvas, double top, double bottom, guint32 rgb)
{
  cairo_t *cr = canvas->cr;
  double brick_h = Y (canvas, 0.025);
  double brick_w = brick_h * 2.6;
  int row = 0;

  set_rgb (cr, rgb, 1.0);
  cairo_rectangle (cr, 0, top, canvas->width, bottom - top);
  cairo_fill (cr);

  cairo_set_line_width (cr, 2.0);
  set_rgb (cr, 0x0c0a0a, 0.6);
  for (double y = top; y < bottom; y += brick_h, row++)
    {
      cairo_move_to (cr, 0, y);
      cairo_line_to (cr, canvas->width, y);
      for (double x = (row % 2) * brick_w / 2; x < canvas->width; x += brick_w)
        {
          cairo_move_to (cr, x, y);
          cairo_line_to (cr, x, MIN (y + brick_h, bottom));
        }
    }
  cairo_stroke (cr);
}

/* A darker night towards the corners, as a phone camera shows it. */
static void
paint_vignette (Canvas *canvas)
{
  cairo_pattern_t *vignette;
  double cx = canvas->width / 2;
  double cy = canvas->height / 2;

  vignette
    = cairo_pattern_create_radial (cx, cy, canvas->height * 0.35, cx, cy, canvas->width * 0.75);
  add_stop (vignette, 0.0, 0x000000, 0.0);
  add_stop (vignette, 1.0, 0x000000, 0.65);
  cairo_set_source (canvas->cr, vignette);
  cairo_paint (canvas->cr);
  cairo_pattern_destroy (vignette);
}

static void
scene_lamppost (Canvas *canvas)
{
  double vanish = X (canvas, 0.62);

  paint_sky (canvas);
  paint_skyline (canvas, 0.15, 0xf2c46d);
  paint_ground (canvas, 0x25272b, 0x101114);
  paint_path (canvas, vanish, X (canvas, 0.05), X (canvas, 0.75), 0x3a3c40);

  /* A row of lamps going away; the nearest but one is out. */
  for (int i = 3; i >= 0; i--)
    {
      double t = i / 4.0;
      double base = canvas->height - (canvas->height - canvas->horizon) * (0.15 + t * 0.75);
      double x = X (canvas, 0.2) + (vanish - X (canvas, 0.2)) * t * 0.8;

      paint_lamppost (canvas, x, base, Y (canvas, 0.75) * (1.0 - t * 0.82),
                      i == 1 ? LAMP_BROKEN : LAMP_LIT);
    }
  paint_lamppost (canvas, X (canvas, 0.86), Y (canvas, 0.97), Y (canvas, 0.7), LAMP_BROKEN);
}

static void
scene_bushes (Canvas *canvas)
{
  paint_sky (canvas);
  paint_ground (canvas, 0x1a1d1b, 0x0c0e0d);
  paint_path (canvas, X (canvas, 0.52), X (canvas, 0.25), X (canvas, 0.8), 0x34363a);
  paint_lamppost (canvas, X (canvas, 0.38), Y (canvas, 0.78), Y (canvas, 0.5), LAMP_LIT);

  /* Bushes in front of the lamp and over the path from both sides. */
  paint_bush (canvas, X (canvas, 0.42), Y (canvas, 0.52), Y (canvas, 0.2), 0.4);
  paint_bush (canvas, X (canvas, 0.1), Y (canvas, 0.62), Y (canvas, 0.32), 0.0);
  paint_bush (canvas, X (canvas, 0.28), Y (canvas, 0.7), Y (canvas, 0.22), 0.2);
  paint_bush (canvas, X (canvas, 0.85), Y (canvas, 0.6), Y (canvas, 0.34), 0.0);
  paint_bush (canvas, X (canvas, 0.68), Y (canvas, 0.68), Y (canvas, 0.2), 0.1);
  paint_bush (canvas, X (canvas, 0.05), Y (canvas, 0.9), Y (canvas, 0.3), 0.0);
  paint_bush (canvas, X (canvas, 0.97), Y (canvas, 0.92), Y (canvas, 0.32), 0.0);
}

static void
scene_tunnel (Canvas *canvas)
{
  cairo_t *cr = canvas->cr;
  double mouth_left = X (canvas, 0.36);
  double mouth_right = X (canvas, 0.64);
  double mouth_top = Y (canvas, 0.36);
  double embankment = Y (canvas, 0.3);
  cairo_pattern_t *inside;

  paint_sky (canvas);
  paint_ground (canvas, 0x2a2b2e, 0x121315);

  /* The railway embankment with rails and a catenary mast on top. */
  set_rgb (cr, 0x15171a, 1.0);
  cairo_rectangle (cr, 0, embankment, canvas->width, canvas->horizon - embankment);
  cairo_fill (cr);
  set_rgb (cr, 0x5b5f66, 1.0);
  cairo_set_line_width (cr, 3.0);
  cairo_move_to (cr, 0, embankment - 4);
  cairo_line_to (cr, canvas->width, embankment - 4);
  cairo_move_to (cr, 0, embankment - 12);
  cairo_line_to (cr, canvas->width, embankment - 12);
  cairo_stroke (cr);
  set_rgb (cr, 0x22252a, 1.0);
  cairo_rectangle (cr, X (canvas, 0.15), Y (canvas, 0.06), X (canvas, 0.012),
                   embankment - Y (canvas, 0.06));
  cairo_rectangle (cr, X (canvas, 0.15), Y (canvas, 0.08), X (canvas, 0.3), Y (canvas, 0.008));
  cairo_fill (cr);
  cairo_move_to (cr, 0, Y (canvas, 0.1));
  cairo_line_to (cr, canvas->width, Y (canvas, 0.11));
  cairo_set_line_width (cr, 1.5);
  cairo_stroke (cr);

  /* Concrete wing walls and the portal. */
  set_rgb (cr, 0x3f4246, 1.0);
  cairo_move_to (cr, X (canvas, 0.1), canvas->height);
  cairo_line_to (cr, X (canvas, 0.3), Y (canvas, 0.33));
  cairo_line_to (cr, X (canvas, 0.7), Y (canvas, 0.33));
  cairo_line_to (cr, X (canvas, 0.9), canvas->height);
  cairo_close_path (cr);
  cairo_fill (cr);

  inside = cairo_pattern_create_linear (0, mouth_top, 0, canvas->horizon + Y (canvas, 0.1));
  add_stop (inside, 0.0, 0x000000, 1.0);
  add_stop (inside, 1.0, 0x0d0e10, 1.0);
  cairo_set_source (cr, inside);
  cairo_move_to (cr, mouth_left, canvas->horizon + Y (canvas, 0.12));
  cairo_line_to (cr, mouth_left, mouth_top + Y (canvas, 0.04));
  cairo_curve_to (cr, mouth_left, mouth_top, mouth_right, mouth_top, mouth_right,
                  mouth_top + Y (canvas, 0.04));
  cairo_line_to (cr, mouth_right, canvas->horizon + Y (canvas, 0.12));
  cairo_close_path (cr);
  cairo_fill (cr);
  cairo_pattern_destroy (inside);

  /* One dim, greenish armature far inside; the near ones are smashed. */
  paint_glow (canvas, X (canvas, 0.5), Y (canvas, 0.47), Y (canvas, 0.08), 0xb8e0c0, 0.35);
  set_rgb (cr, 0x1c1e21, 1.0);
  cairo_rectangle (cr, X (canvas, 0.45), Y (canvas, 0.39), X (canvas, 0.1), Y (canvas, 0.015));
  cairo_fill (cr);

  paint_path (canvas, X (canvas, 0.5), X (canvas, 0.3), X (canvas, 0.7), 0x2e3034);
  paint_tag (canvas, X (canvas, 0.2), Y (canvas, 0.7), X (canvas, 0.09), 0xd0406c);
  paint_tag (canvas, X (canvas, 0.71), Y (canvas, 0.62), X (canvas, 0.08), 0x7fd0e8);
  paint_tag (canvas, X (canvas, 0.74), Y (canvas, 0.8), X (canvas, 0.1), 0xe8e8e0);
  paint_litter (canvas, X (canvas, 0.3), X (canvas, 0.7), Y (canvas, 0.72), 25);
}

static void
scene_graffiti (Canvas *canvas)
{
  static const guint32 colors[] = { 0xe0306a, 0x3fc1e8, 0x7ee05a, 0xf0f0e8, 0xf5a623, 0x9b59d0 };
  double wall_bottom = Y (canvas, 0.72);

  paint_ground (canvas, 0x2b2c2f, 0x17181a);
  paint_brick_wall (canvas, 0, wall_bottom, 0x4a2e28);
  canvas->horizon = wall_bottom;

  for (int i = 0; i < 11; i++)
    paint_tag (canvas, random_between (canvas, X (canvas, 0.02), X (canvas, 0.8)),
               random_between (canvas, Y (canvas, 0.25), wall_bottom - Y (canvas, 0.05)),
               random_between (canvas, X (canvas, 0.08), X (canvas, 0.2)),
               colors[i % G_N_ELEMENTS (colors)]);

  /* A wall lamp; everything beyond its reach is in the dark. */
  set_rgb (canvas->cr, 0x1a1a1a, 1.0);
  cairo_rectangle (canvas->cr, X (canvas, 0.78), Y (canvas, 0.15), X (canvas, 0.04),
                   Y (canvas, 0.03));
  cairo_fill (canvas->cr);
  paint_glow (canvas, X (canvas, 0.8), Y (canvas, 0.19), Y (canvas, 0.55), 0xffc777, 0.45);
  paint_litter (canvas, 0, canvas->width, wall_bottom, 70);
}

static void
scene_litter (Canvas *canvas)
{
  cairo_t *cr = canvas->cr;
  double bin_x = X (canvas, 0.42);
  double bin_top = Y (canvas, 0.5);

  paint_sky (canvas);
  paint_skyline (canvas, 0.3, 0xf2c46d);
  paint_ground (canvas, 0x35363a, 0x1a1b1e);
  paint_lamppost (canvas, X (canvas, 0.72), Y (canvas, 0.88), Y (canvas, 0.7), LAMP_LIT);

  /* An overflowing bin with a bag beside it. */
  set_rgb (cr, 0x1f3a2a, 1.0);
  cairo_rectangle (cr, bin_x, bin_top, X (canvas, 0.14), Y (canvas, 0.32));
  cairo_fill (cr);
  set_rgb (cr, 0x2d4f3b, 1.0);
  cairo_rectangle (cr, bin_x - X (canvas, 0.01), bin_top, X (canvas, 0.16), Y (canvas, 0.03));
  cairo_fill (cr);
  for (int i = 0; i < 18; i++)
    {
      set_rgb (cr, i % 3 ? 0xd8d8d0 : 0xc84b31, random_between (canvas, 0.5, 0.85));
      cairo_arc (cr, bin_x + random_between (canvas, 0, X (canvas, 0.14)),
                 bin_top - random_between (canvas, 0, Y (canvas, 0.06)),
                 random_between (canvas, X (canvas, 0.008), X (canvas, 0.022)), 0, 2 * G_PI);
      cairo_fill (cr);
    }
  set_rgb (cr, 0x111111, 1.0);
  cairo_arc (cr, bin_x + X (canvas, 0.21), Y (canvas, 0.8), X (canvas, 0.05), 0, 2 * G_PI);
  cairo_fill (cr);
  paint_litter (canvas, X (canvas, 0.15), X (canvas, 0.9), Y (canvas, 0.75), 60);
}

static void
scene_path (Canvas *canvas)
{
  cairo_t *cr = canvas->cr;

  canvas->horizon = Y (canvas, 0.5);
  paint_sky (canvas);
  paint_ground (canvas, 0x1b1d1c, 0x080909);
  paint_tree_line (canvas, 0, X (canvas, 0.45));
  paint_tree_line (canvas, X (canvas, 0.55), canvas->width);
  paint_path (canvas, X (canvas, 0.5), X (canvas, 0.2), X (canvas, 0.85), 0x3b3d41);

  /* One lamp far ahead; the stretch before it is dark. */
  paint_lamppost (canvas, X (canvas, 0.57), Y (canvas, 0.56), Y (canvas, 0.12), LAMP_LIT);
  paint_lamppost (canvas, X (canvas, 0.8), Y (canvas, 0.8), Y (canvas, 0.5), LAMP_BROKEN);

  /* Puddles that catch the sky, and a broken kerb. */
  for (int i = 0; i < 4; i++)
    {
      double y = random_between (canvas, Y (canvas, 0.7), Y (canvas, 0.95));

      cairo_save (cr);
      cairo_translate (cr, random_between (canvas, X (canvas, 0.35), X (canvas, 0.65)), y);
      cairo_scale (cr, 1.0, 0.22);
      set_rgb (cr, 0x2c3556, 0.8);
      cairo_arc (cr, 0, 0, X (canvas, 0.04) * (y / canvas->height), 0, 2 * G_PI);
      cairo_fill (cr);
      cairo_restore (cr);
    }
  set_rgb (cr, 0x55575c, 1.0);
  cairo_move_to (cr, X (canvas, 0.2), canvas->height);
  for (int i = 1; i <= 8; i++)
    cairo_line_to (cr,
                   X (canvas, 0.2) + (X (canvas, 0.5) - X (canvas, 0.2)) * i / 16.0
                     + random_between (canvas, -6, 6),
                   canvas->height - (canvas->height - canvas->horizon) * i / 16.0
                     + random_between (canvas, -4, 10));
  cairo_set_line_width (cr, 6.0);
  cairo_stroke (cr);
}

static void
scene_crossing (Canvas *canvas)
{
  cairo_t *cr = canvas->cr;

  paint_sky (canvas);
  paint_skyline (canvas, 0.25, 0xf2c46d);
  paint_ground (canvas, 0x2a2b2f, 0x141518);

  /* Zebra stripes across the street, narrowing with distance. */
  for (int i = 0; i < 7; i++)
    {
      double near = X (canvas, 0.05) + i * X (canvas, 0.13);
      double far = X (canvas, 0.3) + i * X (canvas, 0.065);

      set_rgb (cr, 0xc8c8c0, 0.55);
      cairo_move_to (cr, near, canvas->height);
      cairo_line_to (cr, near + X (canvas, 0.07), canvas->height);
      cairo_line_to (cr, far + X (canvas, 0.035), Y (canvas, 0.7));
      cairo_line_to (cr, far, Y (canvas, 0.7));
      cairo_close_path (cr);
      cairo_fill (cr);
    }

  /* The crossing sign: blue square, white triangle. */
  set_rgb (cr, 0x1b1d22, 1.0);
  cairo_rectangle (cr, X (canvas, 0.12), Y (canvas, 0.3), X (canvas, 0.008), Y (canvas, 0.45));
  cairo_fill (cr);
  set_rgb (cr, 0x1d4f9c, 0.9);
  cairo_rectangle (cr, X (canvas, 0.09), Y (canvas, 0.24), X (canvas, 0.07), X (canvas, 0.07));
  cairo_fill (cr);
  set_rgb (cr, 0xe8e8e8, 0.85);
  cairo_move_to (cr, X (canvas, 0.125), Y (canvas, 0.255));
  cairo_line_to (cr, X (canvas, 0.155), Y (canvas, 0.305));
  cairo_line_to (cr, X (canvas, 0.095), Y (canvas, 0.305));
  cairo_close_path (cr);
  cairo_fill (cr);

  /* A car coming fast from the right, headlights on. */
  set_rgb (cr, 0x0d0e10, 1.0);
  cairo_rectangle (cr, X (canvas, 0.78), Y (canvas, 0.5), X (canvas, 0.26), Y (canvas, 0.14));
  cairo_fill (cr);
  paint_glow (canvas, X (canvas, 0.8), Y (canvas, 0.6), Y (canvas, 0.25), 0xf4f7ff, 0.9);
  paint_glow (canvas, X (canvas, 0.93), Y (canvas, 0.6), Y (canvas, 0.25), 0xf4f7ff, 0.9);
  paint_light_pool (canvas, X (canvas, 0.6), Y (canvas, 0.78), X (canvas, 0.35), 0xf4f7ff, 0.25);
  paint_lamppost (canvas, X (canvas, 0.55), Y (canvas, 0.62), Y (canvas, 0.3), LAMP_FLICKERING);
}

static void
scene_signpost (Canvas *canvas)
{
  cairo_t *cr = canvas->cr;

  paint_sky (canvas);
  paint_tree_line (canvas, 0, canvas->width);
  paint_ground (canvas, 0x1e201f, 0x0b0c0c);
  paint_path (canvas, X (canvas, 0.62), X (canvas, 0.35), X (canvas, 0.95), 0x36383c);
  paint_glow (canvas, X (canvas, 0.3), Y (canvas, 0.3), Y (canvas, 0.5), 0xffd58a, 0.2);

  set_rgb (cr, 0x2a2d33, 1.0);
  cairo_rectangle (cr, X (canvas, 0.3), Y (canvas, 0.22), X (canvas, 0.012), Y (canvas, 0.7));
  cairo_fill (cr);

  /* A faded map board and an empty, bent sign frame. */
  set_rgb (cr, 0x5f6a70, 1.0);
  cairo_rectangle (cr, X (canvas, 0.14), Y (canvas, 0.24), X (canvas, 0.16), Y (canvas, 0.2));
  cairo_fill (cr);
  for (int i = 0; i < 30; i++)
    {
      set_rgb (cr, 0x8c979c, random_between (canvas, 0.2, 0.6));
      cairo_rectangle (cr, random_between (canvas, X (canvas, 0.15), X (canvas, 0.28)),
                       random_between (canvas, Y (canvas, 0.25), Y (canvas, 0.42)),
                       random_between (canvas, 4, 40), random_between (canvas, 2, 6));
      cairo_fill (cr);
    }
  set_rgb (cr, 0x7a7f85, 1.0);
  cairo_set_line_width (cr, 4.0);
  cairo_save (cr);
  cairo_translate (cr, X (canvas, 0.312), Y (canvas, 0.5));
  cairo_rotate (cr, 0.12);
  cairo_rectangle (cr, 0, 0, X (canvas, 0.17), Y (canvas, 0.06));
  cairo_stroke (cr);
  cairo_restore (cr);
}

static void
scene_storefronts (Canvas *canvas)
{
  cairo_t *cr = canvas->cr;
  double facade_bottom = Y (canvas, 0.7);

  paint_sky (canvas);
  canvas->horizon = facade_bottom;
  paint_ground (canvas, 0x303135, 0x191a1d);
  set_rgb (cr, 0x1c1a1c, 1.0);
  cairo_rectangle (cr, 0, Y (canvas, 0.12), canvas->width, facade_bottom - Y (canvas, 0.12));
  cairo_fill (cr);

  for (int i = 0; i < 4; i++)
    {
      double x = X (canvas, 0.04) + i * X (canvas, 0.245);
      PangoLayout *layout;
      PangoFontDescription *font;
      cairo_pattern_t *glass;

      glass = cairo_pattern_create_linear (0, Y (canvas, 0.35), 0, facade_bottom);
      add_stop (glass, 0.0, 0x1d2536, 1.0);
      add_stop (glass, 1.0, 0x07090d, 1.0);
      cairo_set_source (cr, glass);
      cairo_rectangle (cr, x, Y (canvas, 0.35), X (canvas, 0.2), facade_bottom - Y (canvas, 0.37));
      cairo_fill (cr);
      cairo_pattern_destroy (glass);

      if (i == 3)
        {
          set_rgb (cr, 0xf2c46d, 0.7);
          cairo_rectangle (cr, x, Y (canvas, 0.35), X (canvas, 0.2),
                           facade_bottom - Y (canvas, 0.37));
          cairo_fill (cr);
          continue;
        }

      /* "Vacant premises" notes taped to the glass. */
      set_rgb (cr, 0xd9d6cc, 0.8);
      cairo_rectangle (cr, x + X (canvas, 0.04), Y (canvas, 0.42), X (canvas, 0.12),
                       Y (canvas, 0.08));
      cairo_fill (cr);
      layout = pango_cairo_create_layout (cr);
      font = pango_font_description_from_string ("Sans Bold");
      pango_font_description_set_absolute_size (font, Y (canvas, 0.018) * PANGO_SCALE);
      pango_layout_set_font_description (layout, font);
      pango_layout_set_width (layout, X (canvas, 0.12) * PANGO_SCALE);
      pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
      pango_layout_set_text (layout, "LEDIG LOKAL", -1);
      set_rgb (cr, 0x333333, 0.9);
      cairo_move_to (cr, x + X (canvas, 0.04), Y (canvas, 0.448));
      pango_cairo_show_layout (cr, layout);
      pango_font_description_free (font);
      g_object_unref (layout);
    }
  paint_lamppost (canvas, X (canvas, 0.5), Y (canvas, 0.95), Y (canvas, 0.65), LAMP_FLICKERING);
}

static void
scene_alley (Canvas *canvas)
{
  cairo_t *cr = canvas->cr;
  double vx = X (canvas, 0.5);

  paint_sky (canvas);
  paint_ground (canvas, 0x202124, 0x060607);

  /* Two walls closing in on a dark far end. */
  set_rgb (cr, 0x26221f, 1.0);
  cairo_move_to (cr, 0, 0);
  cairo_line_to (cr, vx - X (canvas, 0.07), Y (canvas, 0.3));
  cairo_line_to (cr, vx - X (canvas, 0.07), Y (canvas, 0.6));
  cairo_line_to (cr, 0, canvas->height);
  cairo_close_path (cr);
  cairo_fill (cr);
  set_rgb (cr, 0x1d1a18, 1.0);
  cairo_move_to (cr, canvas->width, 0);
  cairo_line_to (cr, vx + X (canvas, 0.07), Y (canvas, 0.3));
  cairo_line_to (cr, vx + X (canvas, 0.07), Y (canvas, 0.6));
  cairo_line_to (cr, canvas->width, canvas->height);
  cairo_close_path (cr);
  cairo_fill (cr);

  /* Recessed doorways: black holes in the walls. */
  set_rgb (cr, 0x030303, 1.0);
  cairo_move_to (cr, X (canvas, 0.12), Y (canvas, 0.3));
  cairo_line_to (cr, X (canvas, 0.24), Y (canvas, 0.36));
  cairo_line_to (cr, X (canvas, 0.24), Y (canvas, 0.74));
  cairo_line_to (cr, X (canvas, 0.12), Y (canvas, 0.84));
  cairo_close_path (cr);
  cairo_fill (cr);
  cairo_move_to (cr, X (canvas, 0.8), Y (canvas, 0.38));
  cairo_line_to (cr, X (canvas, 0.72), Y (canvas, 0.42));
  cairo_line_to (cr, X (canvas, 0.72), Y (canvas, 0.7));
  cairo_line_to (cr, X (canvas, 0.8), Y (canvas, 0.76));
  cairo_close_path (cr);
  cairo_fill (cr);

  /* A dumpster half blocking the way. */
  set_rgb (cr, 0x1e3326, 1.0);
  cairo_rectangle (cr, X (canvas, 0.55), Y (canvas, 0.66), X (canvas, 0.16), Y (canvas, 0.12));
  cairo_fill (cr);
  set_rgb (cr, 0x13221a, 1.0);
  cairo_rectangle (cr, X (canvas, 0.545), Y (canvas, 0.645), X (canvas, 0.17), Y (canvas, 0.025));
  cairo_fill (cr);

  paint_glow (canvas, X (canvas, 0.3), Y (canvas, 0.3), Y (canvas, 0.22), 0xffc777, 0.45);
  paint_litter (canvas, X (canvas, 0.3), X (canvas, 0.7), Y (canvas, 0.75), 20);
}

static void
scene_bikes (Canvas *canvas)
{
  cairo_t *cr = canvas->cr;

  paint_sky (canvas);
  paint_ground (canvas, 0x2c2d31, 0x141518);

  /* The lit station entrance behind. */
  set_rgb (cr, 0x1a1b20, 1.0);
  cairo_rectangle (cr, X (canvas, 0.1), Y (canvas, 0.15), X (canvas, 0.8),
                   canvas->horizon - Y (canvas, 0.15));
  cairo_fill (cr);
  set_rgb (cr, 0xf4e2b8, 0.85);
  cairo_rectangle (cr, X (canvas, 0.4), Y (canvas, 0.3), X (canvas, 0.2),
                   canvas->horizon - Y (canvas, 0.3));
  cairo_fill (cr);
  paint_glow (canvas, X (canvas, 0.5), Y (canvas, 0.45), Y (canvas, 0.4), 0xffe2a8, 0.4);

  /* A wall of parked bikes in front of it. */
  cairo_set_line_width (cr, 5.0);
  for (int i = 0; i < 22; i++)
    {
      double x = X (canvas, 0.02) + i * X (canvas, 0.045) + random_between (canvas, -8, 8);
      double y = Y (canvas, 0.78) + random_between (canvas, -10, 10);
      double r = Y (canvas, 0.075);

      set_rgb (cr, 0x050505, 0.95);
      cairo_new_sub_path (cr);
      cairo_arc (cr, x, y, r, 0, 2 * G_PI);
      cairo_new_sub_path (cr);
      cairo_arc (cr, x + r * 0.3, y - r * 2.3, r, 0, 2 * G_PI);
      cairo_move_to (cr, x, y);
      cairo_line_to (cr, x + r * 0.1, y - r * 1.2);
      cairo_line_to (cr, x + r * 0.3, y - r * 2.3);
      cairo_move_to (cr, x + r * 0.1, y - r * 1.2);
      cairo_line_to (cr, x - r * 0.4, y - r * 1.5);
      cairo_stroke (cr);
    }
}

static void
scene_plaza (Canvas *canvas)
{
  paint_sky (canvas);
  paint_skyline (canvas, 0.75, 0xffd98a);
  paint_ground (canvas, 0x4a4038, 0x221e1b);

  /* String lights between the houses. */
  for (int row = 0; row < 3; row++)
    {
      double y0 = Y (canvas, 0.18 + row * 0.07);

      for (int i = 0; i <= 40; i++)
        {
          double t = i / 40.0;
          double x = t * canvas->width;
          double y = y0 + sin (t * G_PI) * Y (canvas, 0.08);

          paint_glow (canvas, x, y, Y (canvas, 0.03), 0xffd27a, 0.9);
        }
    }

  paint_lamppost (canvas, X (canvas, 0.15), Y (canvas, 0.9), Y (canvas, 0.6), LAMP_LIT);
  paint_lamppost (canvas, X (canvas, 0.78), Y (canvas, 0.75), Y (canvas, 0.4), LAMP_LIT);

  for (int i = 0; i < 9; i++)
    {
      double base = random_between (canvas, Y (canvas, 0.62), Y (canvas, 0.92));

      paint_person (canvas, random_between (canvas, X (canvas, 0.05), X (canvas, 0.95)), base,
                    Y (canvas, 0.38) * (base / canvas->height), 0x0f0d0c);
    }
}

static void
paint_neon_stroke (Canvas *canvas, guint32 rgb)
{
  cairo_t *cr = canvas->cr;

  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  set_rgb (cr, rgb, 0.12);
  cairo_set_line_width (cr, 40);
  cairo_stroke_preserve (cr);
  set_rgb (cr, rgb, 0.3);
  cairo_set_line_width (cr, 16);
  cairo_stroke_preserve (cr);
  set_rgb (cr, 0xffffff, 0.9);
  cairo_set_line_width (cr, 5);
  cairo_stroke (cr);
}

static void
scene_neon (Canvas *canvas)
{
  cairo_t *cr = canvas->cr;

  paint_ground (canvas, 0x23232b, 0x0d0d12);
  set_rgb (cr, 0x1e1f26, 1.0);
  cairo_rectangle (cr, 0, 0, canvas->width, canvas->horizon);
  cairo_fill (cr);

  /* A flower, a wave and a heart in neon tubes. */
  for (int i = 0; i < 6; i++)
    {
      double angle = i * G_PI / 3;

      cairo_new_path (cr);
      cairo_arc (cr, X (canvas, 0.25) + cos (angle) * Y (canvas, 0.09),
                 Y (canvas, 0.3) + sin (angle) * Y (canvas, 0.09), Y (canvas, 0.07), 0, 2 * G_PI);
      paint_neon_stroke (canvas, 0xff3fa4);
    }
  cairo_new_path (cr);
  cairo_move_to (cr, X (canvas, 0.4), Y (canvas, 0.4));
  for (int i = 0; i < 4; i++)
    cairo_rel_curve_to (cr, X (canvas, 0.03), -Y (canvas, 0.08), X (canvas, 0.06),
                        -Y (canvas, 0.08), X (canvas, 0.08), 0);
  paint_neon_stroke (canvas, 0x3fd4ff);
  cairo_new_path (cr);
  cairo_move_to (cr, X (canvas, 0.82), Y (canvas, 0.42));
  cairo_curve_to (cr, X (canvas, 0.7), Y (canvas, 0.32), X (canvas, 0.76), Y (canvas, 0.16),
                  X (canvas, 0.82), Y (canvas, 0.25));
  cairo_curve_to (cr, X (canvas, 0.88), Y (canvas, 0.16), X (canvas, 0.94), Y (canvas, 0.32),
                  X (canvas, 0.82), Y (canvas, 0.42));
  paint_neon_stroke (canvas, 0xffd23f);

  /* Their colours on the wet ground. */
  paint_light_pool (canvas, X (canvas, 0.25), Y (canvas, 0.75), X (canvas, 0.3), 0xff3fa4, 0.35);
  paint_light_pool (canvas, X (canvas, 0.55), Y (canvas, 0.72), X (canvas, 0.25), 0x3fd4ff, 0.3);
  paint_light_pool (canvas, X (canvas, 0.82), Y (canvas, 0.76), X (canvas, 0.2), 0xffd23f, 0.3);
  paint_person (canvas, X (canvas, 0.6), Y (canvas, 0.9), Y (canvas, 0.4), 0x08080a);
}

static void
scene_bus_stop (Canvas *canvas)
{
  cairo_t *cr = canvas->cr;

  paint_sky (canvas);
  paint_skyline (canvas, 0.2, 0xf2c46d);
  paint_ground (canvas, 0x25262a, 0x0f1012);

  /* The shelter: roof, a glass side, and an advertising panel that hides
   * whoever stands behind it. */
  set_rgb (cr, 0x2d3036, 1.0);
  cairo_rectangle (cr, X (canvas, 0.25), Y (canvas, 0.3), X (canvas, 0.5), Y (canvas, 0.035));
  cairo_fill (cr);
  set_rgb (cr, 0x6d7f99, 0.18);
  cairo_rectangle (cr, X (canvas, 0.27), Y (canvas, 0.335), X (canvas, 0.2), Y (canvas, 0.45));
  cairo_fill (cr);
  set_rgb (cr, 0xe8eef8, 0.9);
  cairo_rectangle (cr, X (canvas, 0.52), Y (canvas, 0.335), X (canvas, 0.21), Y (canvas, 0.45));
  cairo_fill (cr);
  set_rgb (cr, 0x3d8fd1, 0.9);
  cairo_rectangle (cr, X (canvas, 0.54), Y (canvas, 0.36), X (canvas, 0.17), Y (canvas, 0.25));
  cairo_fill (cr);
  paint_glow (canvas, X (canvas, 0.625), Y (canvas, 0.55), Y (canvas, 0.35), 0xe8eef8, 0.3);
  set_rgb (cr, 0x14161a, 1.0);
  cairo_rectangle (cr, X (canvas, 0.3), Y (canvas, 0.64), X (canvas, 0.15), Y (canvas, 0.02));
  cairo_fill (cr);

  /* The stop sign on its pole. */
  set_rgb (cr, 0x1b1d22, 1.0);
  cairo_rectangle (cr, X (canvas, 0.85), Y (canvas, 0.3), X (canvas, 0.008), Y (canvas, 0.55));
  cairo_fill (cr);
  set_rgb (cr, 0xd8b43a, 0.8);
  cairo_arc (cr, X (canvas, 0.854), Y (canvas, 0.28), X (canvas, 0.035), 0, 2 * G_PI);
  cairo_fill (cr);
}

static const struct
{
  const char *name;
  SceneFunc draw;
} scenes[] = {
  { "lamppost", scene_lamppost },
  { "bushes", scene_bushes },
  { "tunnel", scene_tunnel },
  { "graffiti", scene_graffiti },
  { "litter", scene_litter },
  { "path", scene_path },
  { "crossing", scene_crossing },
  { "signpost", scene_signpost },
  { "storefronts", scene_storefronts },
  { "alley", scene_alley },
  { "bikes", scene_bikes },
  { "plaza", scene_plaza },
  { "neon", scene_neon },
  { "bus-stop", scene_bus_stop },
};

static SceneFunc
lookup_scene (const char *scene)
{
  for (guint i = 0; i < G_N_ELEMENTS (scenes); i++)
    if (g_str_equal (scenes[i].name, scene))
      return scenes[i].draw;
  return NULL;
}

gboolean
sw_demo_scene_is_known (const char *scene)
{
  g_return_val_if_fail (scene != NULL, FALSE);

  return lookup_scene (scene) != NULL;
}

/* The scene names, for messages; free with g_strfreev(). */
char **
sw_demo_scene_dup_names (void)
{
  GStrvBuilder *builder = g_strv_builder_new ();
  char **names;

  for (guint i = 0; i < G_N_ELEMENTS (scenes); i++)
    g_strv_builder_add (builder, scenes[i].name);
  names = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return names;
}

/* The caption strip along the bottom, like a phone's photo viewer. */
static void
paint_caption (Canvas *canvas, const char *caption, const char *stamp)
{
  cairo_t *cr = canvas->cr;
  double strip = Y (canvas, 0.09);
  double margin = X (canvas, 0.025);
  g_autoptr (PangoLayout) layout = NULL;
  PangoFontDescription *font;
  int text_width, text_height;

  set_rgb (cr, 0x000000, 0.6);
  cairo_rectangle (cr, 0, canvas->height - strip, canvas->width, strip);
  cairo_fill (cr);

  layout = pango_cairo_create_layout (cr);
  font = pango_font_description_from_string ("Sans");
  pango_font_description_set_absolute_size (font, strip * 0.42 * PANGO_SCALE);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);

  if (caption != NULL)
    {
      pango_layout_set_text (layout, caption, -1);
      pango_layout_set_width (layout, (canvas->width * 0.7) * PANGO_SCALE);
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      pango_layout_get_pixel_size (layout, &text_width, &text_height);
      set_rgb (cr, 0xffffff, 0.95);
      cairo_move_to (cr, margin, canvas->height - strip / 2 - text_height / 2.0);
      pango_cairo_show_layout (cr, layout);
    }

  if (stamp != NULL)
    {
      pango_layout_set_width (layout, -1);
      pango_layout_set_text (layout, stamp, -1);
      pango_layout_get_pixel_size (layout, &text_width, &text_height);
      set_rgb (cr, 0xffa348, 0.95);
      cairo_move_to (cr, canvas->width - margin - text_width,
                     canvas->height - strip / 2 - text_height / 2.0);
      pango_cairo_show_layout (cr, layout);
    }
}

static cairo_status_t
append_to_array (void *closure, const unsigned char *data, unsigned int length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

GBytes *
sw_demo_scene_render_png (const char *scene, const char *caption, const char *stamp, guint32 seed,
                          int width, int height, GError **error)
{
  SceneFunc draw;
  cairo_surface_t *surface;
  cairo_status_t status;
  g_autoptr (GByteArray) png = NULL;
  Canvas canvas;

  g_return_val_if_fail (scene != NULL, NULL);
  g_return_val_if_fail (width > 0 && height > 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  draw = lookup_scene (scene);
  if (draw == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _ ("There is no demo scene called “%s”"), scene);
      return NULL;
    }

  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  canvas.cr = cairo_create (surface);
  canvas.rand = g_rand_new_with_seed (seed);
  canvas.width = width;
  canvas.height = height;
  canvas.horizon = height * 0.58;

  draw (&canvas);
  paint_vignette (&canvas);
  paint_caption (&canvas, caption, stamp);

  status = cairo_status (canvas.cr);
  cairo_destroy (canvas.cr);
  g_rand_free (canvas.rand);

  if (status == CAIRO_STATUS_SUCCESS)
    {
      png = g_byte_array_new ();
      status = cairo_surface_write_to_png_stream (surface, append_to_array, png);
    }
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _ ("Could not draw the demo scene “%s”: %s"), scene,
                   cairo_status_to_string (status));
      return NULL;
    }

  return g_byte_array_free_to_bytes (g_steal_pointer (&png));
}

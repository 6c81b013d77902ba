/* The QGIS default styles an exported GeoPackage carries: QML and SLD text
 * made from one description of each layer's symbology. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  SW_LAYER_STYLE_SINGLE,
  /* One class per value of an attribute. */
  SW_LAYER_STYLE_CATEGORIZED,
  /* One class per range of a numeric attribute. */
  SW_LAYER_STYLE_GRADUATED,
} SwLayerStyleKind;

typedef enum
{
  SW_LAYER_STYLE_MARKER,
  SW_LAYER_STYLE_LINE,
} SwLayerStyleGeometry;

/* One class of a renderer: a category's value, or a range; a colour
 * "#rrggbb" and, for markers, a QGIS simple marker shape ("circle",
 * "square", "triangle", "diamond", "star", "pentagon", "hexagon", "cross2"). */
typedef struct
{
  char *value;
  double lower;
  double upper;
  char *label;
  char *color;
  const char *shape;
} SwLayerStyleClass;

typedef struct
{
  char *layer;
  SwLayerStyleGeometry geometry;
  SwLayerStyleKind kind;
  /* The attribute classified, and the one labelled on the map (or NULL). */
  char *attribute;
  char *label_attribute;
  GPtrArray *classes;
  /* Column names and their aliases, in the layer's order. */
  GPtrArray *fields;
  GPtrArray *aliases;
} SwLayerStyle;

SwLayerStyle *_sw_layer_style_new         (const char           *layer,
                                           SwLayerStyleGeometry  geometry,
                                           SwLayerStyleKind      kind,
                                           const char           *attribute);
void          _sw_layer_style_free        (SwLayerStyle         *style);
void          _sw_layer_style_add_class   (SwLayerStyle         *style,
                                           const char           *value,
                                           double                lower,
                                           double                upper,
                                           const char           *label,
                                           const char           *color,
                                           const char           *shape);
void          _sw_layer_style_add_field   (SwLayerStyle         *style,
                                           const char           *name,
                                           const char           *alias);
char         *_sw_layer_style_to_qml      (const SwLayerStyle   *style);
char         *_sw_layer_style_to_sld      (const SwLayerStyle   *style);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SwLayerStyle, _sw_layer_style_free)

G_END_DECLS

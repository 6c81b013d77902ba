/* QGIS default styles for exported layers, as QGIS 3 writes them: a QML
 * document (renderer, labels, Swedish field aliases) and an SLD 1.1 one. */
#define G_LOG_DOMAIN "sw-export"

#include "config.h"

#include "sw-export-private.h"

static void
sw_layer_style_class_free (SwLayerStyleClass *class)
{
  g_free (class->value);
  g_free (class->label);
  g_free (class->color);
  g_free (class);
}

SwLayerStyle *
_sw_layer_style_new (const char           *layer,
                     SwLayerStyleGeometry  geometry,
                     SwLayerStyleKind      kind,
                     const char           *attribute)
{
  SwLayerStyle *style = g_new0 (SwLayerStyle, 1);

  style->layer = g_strdup (layer);
  style->geometry = geometry;
  style->kind = kind;
  style->attribute = g_strdup (attribute);
  style->classes = g_ptr_array_new_with_free_func ((GDestroyNotify) sw_layer_style_class_free);
  style->fields = g_ptr_array_new_with_free_func (g_free);
  style->aliases = g_ptr_array_new_with_free_func (g_free);
  return style;
}

void
_sw_layer_style_free (SwLayerStyle *style)
{
  g_free (style->layer);
  g_free (style->attribute);
  g_free (style->label_attribute);
  g_ptr_array_unref (style->classes);
  g_ptr_array_unref (style->fields);
  g_ptr_array_unref (style->aliases);
  g_free (style);
}

void
_sw_layer_style_add_class (SwLayerStyle *style,
                           const char   *value,
                           double        lower,
                           double        upper,
                           const char   *label,
                           const char   *color,
                           const char   *shape)
{
  SwLayerStyleClass *class = g_new0 (SwLayerStyleClass, 1);

  class->value = g_strdup (value);
  class->lower = lower;
  class->upper = upper;
  class->label = g_strdup (label);
  class->color = g_strdup (color != NULL ? color : "#77767b");
  class->shape = shape != NULL ? shape : "circle";
  g_ptr_array_add (style->classes, class);
}

void
_sw_layer_style_add_field (SwLayerStyle *style,
                           const char   *name,
                           const char   *alias)
{
  g_ptr_array_add (style->fields, g_strdup (name));
  g_ptr_array_add (style->aliases, g_strdup (alias != NULL ? alias : ""));
}

/* "#rrggbb" as QGIS writes colours: "r,g,b,a". */
static char *
qgis_color (const char *hex)
{
  guint r = 0x77, g = 0x76, b = 0x7b;

  if (hex != NULL && hex[0] == '#' && strlen (hex) == 7)
    {
      guint value = (guint) g_ascii_strtoull (hex + 1, NULL, 16);

      r = (value >> 16) & 0xff;
      g = (value >> 8) & 0xff;
      b = value & 0xff;
    }
  return g_strdup_printf ("%u,%u,%u,255", r, g, b);
}

static void
append_option (GString    *qml,
               const char *indent,
               const char *name,
               const char *value)
{
  g_autofree char *escaped = g_markup_escape_text (value, -1);

  g_string_append_printf (qml, "%s<Option name=\"%s\" type=\"QString\" value=\"%s\"/>\n", indent,
                          name, escaped);
}

static void
append_empty_properties (GString    *qml,
                         const char *indent,
                         const char *element)
{
  g_string_append_printf (qml,
                          "%s<%s>\n"
                          "%s  <Option type=\"Map\">\n"
                          "%s    <Option name=\"name\" type=\"QString\" value=\"\"/>\n"
                          "%s    <Option name=\"properties\"/>\n"
                          "%s    <Option name=\"type\" type=\"QString\" value=\"collection\"/>\n"
                          "%s  </Option>\n"
                          "%s</%s>\n",
                          indent, element, indent, indent, indent, indent, indent, indent,
                          element);
}

static void
append_symbol (GString                 *qml,
               const char              *indent,
               const char              *name,
               const SwLayerStyle      *style,
               const SwLayerStyleClass *class)
{
  g_autofree char *color = qgis_color (class->color);
  g_autofree char *inner = g_strconcat (indent, "      ", NULL);
  gboolean line = style->geometry == SW_LAYER_STYLE_LINE;

  g_string_append_printf (qml,
                          "%s<symbol name=\"%s\" type=\"%s\" alpha=\"1\" clip_to_extent=\"1\" "
                          "force_rhr=\"0\" frame_rate=\"10\" is_animated=\"0\">\n",
                          indent, name, line ? "line" : "marker");
  {
    g_autofree char *sub = g_strconcat (indent, "  ", NULL);
    append_empty_properties (qml, sub, "data_defined_properties");
  }
  g_string_append_printf (qml,
                          "%s  <layer class=\"%s\" enabled=\"1\" locked=\"0\" pass=\"0\">\n"
                          "%s    <Option type=\"Map\">\n",
                          indent, line ? "SimpleLine" : "SimpleMarker", indent);
  if (line)
    {
      append_option (qml, inner, "capstyle", "round");
      append_option (qml, inner, "customdash", "5;2");
      append_option (qml, inner, "customdash_unit", "MM");
      append_option (qml, inner, "joinstyle", "round");
      append_option (qml, inner, "line_color", color);
      append_option (qml, inner, "line_style", "solid");
      append_option (qml, inner, "line_width", "0.9");
      append_option (qml, inner, "line_width_unit", "MM");
      append_option (qml, inner, "offset", "0");
      append_option (qml, inner, "offset_unit", "MM");
      append_option (qml, inner, "use_custom_dash", "0");
    }
  else
    {
      append_option (qml, inner, "angle", "0");
      append_option (qml, inner, "color", color);
      append_option (qml, inner, "horizontal_anchor_point", "1");
      append_option (qml, inner, "joinstyle", "bevel");
      append_option (qml, inner, "name", class->shape);
      append_option (qml, inner, "offset", "0,0");
      append_option (qml, inner, "offset_unit", "MM");
      append_option (qml, inner, "outline_color", "35,35,35,255");
      append_option (qml, inner, "outline_style", "solid");
      append_option (qml, inner, "outline_width", "0.3");
      append_option (qml, inner, "outline_width_unit", "MM");
      append_option (qml, inner, "scale_method", "diameter");
      append_option (qml, inner, "size", "3.6");
      append_option (qml, inner, "size_unit", "MM");
      append_option (qml, inner, "vertical_anchor_point", "1");
    }
  g_string_append_printf (qml, "%s    </Option>\n", indent);
  {
    g_autofree char *sub = g_strconcat (indent, "    ", NULL);
    append_empty_properties (qml, sub, "data_defined_properties");
  }
  g_string_append_printf (qml, "%s  </layer>\n%s</symbol>\n", indent, indent);
}

static void
append_labeling (GString            *qml,
                 const SwLayerStyle *style)
{
  g_autofree char *field = g_markup_escape_text (style->label_attribute, -1);

  g_string_append_printf (qml,
                          "  <labeling type=\"simple\">\n"
                          "    <settings calloutType=\"simple\">\n"
                          "      <text-style fieldName=\"%s\" isExpression=\"0\" fontFamily=\"Cantarell\" "
                          "fontSize=\"9\" fontSizeUnit=\"Point\" fontWeight=\"50\" fontItalic=\"0\" "
                          "textColor=\"40,40,40,255\" textOpacity=\"1\" namedStyle=\"Regular\" "
                          "multilineHeight=\"1\" allowHtml=\"0\" capitalization=\"0\" "
                          "fontLetterSpacing=\"0\" fontWordSpacing=\"0\" blendMode=\"0\" "
                          "previewBkgrdColor=\"255,255,255,255\" useSubstitutions=\"0\">\n"
                          "        <text-buffer bufferDraw=\"1\" bufferSize=\"1\" bufferSizeUnits=\"MM\" "
                          "bufferColor=\"255,255,255,255\" bufferOpacity=\"1\" bufferNoFill=\"1\" "
                          "bufferJoinStyle=\"128\" bufferBlendMode=\"0\"/>\n"
                          "      </text-style>\n"
                          "      <text-format wrapChar=\"\" multilineAlign=\"3\" plussign=\"0\" "
                          "formatNumbers=\"0\" decimals=\"3\" leftDirectionSymbol=\"&lt;\" "
                          "rightDirectionSymbol=\">\" reverseDirectionSymbol=\"0\" "
                          "placeDirectionSymbol=\"0\" addDirectionSymbol=\"0\" autoWrapLength=\"0\" "
                          "useMaxLineLengthForAutoWrap=\"1\"/>\n"
                          "      <placement placement=\"%d\" dist=\"1.5\" distUnits=\"MM\" "
                          "priority=\"5\" placementFlags=\"10\" offsetType=\"0\" quadOffset=\"4\" "
                          "repeatDistance=\"0\" maxCurvedCharAngleIn=\"25\" "
                          "maxCurvedCharAngleOut=\"-25\" overrunDistance=\"0\"/>\n"
                          "      <rendering scaleVisibility=\"0\" obstacle=\"1\" drawLabels=\"1\" "
                          "upsidedownLabels=\"0\" limitNumLabels=\"0\" fontLimitPixelSize=\"0\" "
                          "displayAll=\"0\" mergeLines=\"0\" labelPerPart=\"0\"/>\n"
                          "    </settings>\n"
                          "  </labeling>\n",
                          field, style->geometry == SW_LAYER_STYLE_LINE ? 2 : 6);
}

/* The renderer as QGIS 3 writes it in a layer's style (renderer-v2). */
char *
_sw_layer_style_to_qml (const SwLayerStyle *style)
{
  g_autoptr (GString) qml = g_string_new (NULL);
  g_autofree char *attribute = g_markup_escape_text (style->attribute != NULL ? style->attribute : "", -1);
  SwLayerStyleClass fallback = { NULL, 0, 0, NULL, (char *) "#3584e4", "circle" };

  g_string_append (qml, "<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n");
  g_string_append_printf (qml,
                          "<qgis version=\"3.28.0-Firenze\" styleCategories=\"AllStyleCategories\" "
                          "hasScaleBasedVisibilityFlag=\"0\" maxScale=\"0\" minScale=\"100000000\" "
                          "readOnly=\"0\" simplifyAlgorithm=\"0\" simplifyDrawingHints=\"0\" "
                          "simplifyDrawingTol=\"1\" simplifyLocal=\"1\" simplifyMaxScale=\"1\" "
                          "symbologyReferenceScale=\"-1\" labelsEnabled=\"%d\">\n",
                          style->label_attribute != NULL);

  switch (style->kind)
    {
    case SW_LAYER_STYLE_CATEGORIZED:
      g_string_append_printf (qml,
                              "  <renderer-v2 type=\"categorizedSymbol\" attr=\"%s\" "
                              "symbollevels=\"0\" forceraster=\"0\" enableorderby=\"0\" "
                              "referencescale=\"-1\">\n"
                              "    <categories>\n",
                              attribute);
      for (guint i = 0; i < style->classes->len; i++)
        {
          SwLayerStyleClass *class = style->classes->pdata[i];
          g_autofree char *value = g_markup_escape_text (class->value, -1);
          g_autofree char *label = g_markup_escape_text (class->label, -1);

          g_string_append_printf (qml,
                                  "      <category value=\"%s\" label=\"%s\" symbol=\"%u\" "
                                  "render=\"true\" type=\"string\"/>\n",
                                  value, label, i);
        }
      g_string_append (qml, "    </categories>\n");
      break;

    case SW_LAYER_STYLE_GRADUATED:
      g_string_append_printf (qml,
                              "  <renderer-v2 type=\"graduatedSymbol\" attr=\"%s\" "
                              "graduatedMethod=\"GraduatedColor\" symbollevels=\"0\" "
                              "forceraster=\"0\" enableorderby=\"0\" referencescale=\"-1\">\n"
                              "    <ranges>\n",
                              attribute);
      for (guint i = 0; i < style->classes->len; i++)
        {
          SwLayerStyleClass *class = style->classes->pdata[i];
          g_autofree char *label = g_markup_escape_text (class->label, -1);
          char lower[G_ASCII_DTOSTR_BUF_SIZE];
          char upper[G_ASCII_DTOSTR_BUF_SIZE];

          g_ascii_formatd (lower, sizeof lower, "%.15f", class->lower);
          g_ascii_formatd (upper, sizeof upper, "%.15f", class->upper);
          g_string_append_printf (qml,
                                  "      <range lower=\"%s\" upper=\"%s\" label=\"%s\" "
                                  "symbol=\"%u\" render=\"true\"/>\n",
                                  lower, upper, label, i);
        }
      g_string_append (qml, "    </ranges>\n");
      break;

    case SW_LAYER_STYLE_SINGLE:
    default:
      g_string_append (qml,
                       "  <renderer-v2 type=\"singleSymbol\" symbollevels=\"0\" forceraster=\"0\" "
                       "enableorderby=\"0\" referencescale=\"-1\">\n");
      break;
    }

  g_string_append (qml, "    <symbols>\n");
  if (style->kind == SW_LAYER_STYLE_SINGLE)
    append_symbol (qml, "      ", "0", style,
                   style->classes->len > 0 ? style->classes->pdata[0] : &fallback);
  else
    for (guint i = 0; i < style->classes->len; i++)
      {
        g_autofree char *name = g_strdup_printf ("%u", i);
        append_symbol (qml, "      ", name, style, style->classes->pdata[i]);
      }
  g_string_append (qml, "    </symbols>\n");

  if (style->kind != SW_LAYER_STYLE_SINGLE)
    {
      g_string_append (qml, "    <source-symbol>\n");
      append_symbol (qml, "      ", "0", style, &fallback);
      g_string_append (qml, "    </source-symbol>\n");
    }
  if (style->kind == SW_LAYER_STYLE_GRADUATED)
    g_string_append (qml,
                     "    <classificationMethod id=\"EqualInterval\">\n"
                     "      <symmetricMode enabled=\"0\" symmetrypoint=\"0\" astride=\"0\"/>\n"
                     "      <labelFormat format=\"%1 - %2\" labelprecision=\"1\" trimtrailingzeroes=\"1\"/>\n"
                     "      <parameters>\n"
                     "        <Option/>\n"
                     "      </parameters>\n"
                     "      <extraInformation/>\n"
                     "    </classificationMethod>\n");
  g_string_append (qml,
                   "    <rotation/>\n"
                   "    <sizescale/>\n"
                   "  </renderer-v2>\n");

  if (style->label_attribute != NULL)
    append_labeling (qml, style);

  /* QGIS counts the GeoPackage's fid as the first field. */
  g_string_append (qml, "  <aliases>\n");
  g_string_append (qml, "    <alias field=\"fid\" index=\"0\" name=\"Id\"/>\n");
  for (guint i = 0; i < style->fields->len; i++)
    {
      g_autofree char *field = g_markup_escape_text (style->fields->pdata[i], -1);
      g_autofree char *alias = g_markup_escape_text (style->aliases->pdata[i], -1);

      g_string_append_printf (qml, "    <alias field=\"%s\" index=\"%u\" name=\"%s\"/>\n", field,
                              i + 1, alias);
    }
  g_string_append (qml, "  </aliases>\n");
  g_string_append_printf (qml, "  <layerGeometryType>%d</layerGeometryType>\n</qgis>\n",
                          style->geometry == SW_LAYER_STYLE_LINE ? 1 : 0);

  return g_string_free (g_steal_pointer (&qml), FALSE);
}

/* SLD's well-known marks are fewer than QGIS's shapes. */
static const char *
sld_mark (const char *shape)
{
  if (g_str_equal (shape, "square") || g_str_equal (shape, "triangle") ||
      g_str_equal (shape, "star") || g_str_equal (shape, "circle"))
    return shape;
  if (g_str_equal (shape, "diamond"))
    return "square";
  if (g_str_equal (shape, "cross2"))
    return "x";
  return "circle";
}

static void
append_sld_symbolizer (GString                 *sld,
                       const SwLayerStyle      *style,
                       const SwLayerStyleClass *class)
{
  if (style->geometry == SW_LAYER_STYLE_LINE)
    g_string_append_printf (sld,
                            "          <se:LineSymbolizer>\n"
                            "            <se:Stroke>\n"
                            "              <se:SvgParameter name=\"stroke\">%s</se:SvgParameter>\n"
                            "              <se:SvgParameter name=\"stroke-width\">3</se:SvgParameter>\n"
                            "              <se:SvgParameter name=\"stroke-linejoin\">round</se:SvgParameter>\n"
                            "              <se:SvgParameter name=\"stroke-linecap\">round</se:SvgParameter>\n"
                            "            </se:Stroke>\n"
                            "          </se:LineSymbolizer>\n",
                            class->color);
  else
    g_string_append_printf (sld,
                            "          <se:PointSymbolizer>\n"
                            "            <se:Graphic>\n"
                            "              <se:Mark>\n"
                            "                <se:WellKnownName>%s</se:WellKnownName>\n"
                            "                <se:Fill>\n"
                            "                  <se:SvgParameter name=\"fill\">%s</se:SvgParameter>\n"
                            "                </se:Fill>\n"
                            "                <se:Stroke>\n"
                            "                  <se:SvgParameter name=\"stroke\">#232323</se:SvgParameter>\n"
                            "                  <se:SvgParameter name=\"stroke-width\">1</se:SvgParameter>\n"
                            "                </se:Stroke>\n"
                            "              </se:Mark>\n"
                            "              <se:Size>13</se:Size>\n"
                            "%s"
                            "            </se:Graphic>\n"
                            "          </se:PointSymbolizer>\n",
                            sld_mark (class->shape), class->color,
                            g_str_equal (class->shape, "diamond") ? "              <se:Rotation>45</se:Rotation>\n" : "");
}

/* The same symbology as SLD 1.1 with Symbology Encoding, as QGIS exports it. */
char *
_sw_layer_style_to_sld (const SwLayerStyle *style)
{
  g_autoptr (GString) sld = g_string_new (NULL);
  g_autofree char *layer = g_markup_escape_text (style->layer, -1);
  g_autofree char *attribute = g_markup_escape_text (style->attribute != NULL ? style->attribute : "", -1);
  SwLayerStyleClass fallback = { NULL, 0, 0, (char *) "", (char *) "#3584e4", "circle" };

  g_string_append_printf (sld,
                          "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                          "<StyledLayerDescriptor xmlns=\"http://www.opengis.net/sld\" "
                          "xmlns:ogc=\"http://www.opengis.net/ogc\" "
                          "xmlns:xlink=\"http://www.w3.org/1999/xlink\" "
                          "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
                          "xmlns:se=\"http://www.opengis.net/se\" version=\"1.1.0\" "
                          "xsi:schemaLocation=\"http://www.opengis.net/sld "
                          "http://schemas.opengis.net/sld/1.1.0/StyledLayerDescriptor.xsd\">\n"
                          "  <NamedLayer>\n"
                          "    <se:Name>%s</se:Name>\n"
                          "    <UserStyle>\n"
                          "      <se:Name>%s</se:Name>\n"
                          "      <se:FeatureTypeStyle>\n",
                          layer, layer);

  if (style->kind == SW_LAYER_STYLE_SINGLE || style->classes->len == 0)
    {
      const SwLayerStyleClass *class = style->classes->len > 0 ? style->classes->pdata[0] : &fallback;

      g_string_append_printf (sld, "        <se:Rule>\n          <se:Name>%s</se:Name>\n", layer);
      append_sld_symbolizer (sld, style, class);
      g_string_append (sld, "        </se:Rule>\n");
    }
  else
    for (guint i = 0; i < style->classes->len; i++)
      {
        SwLayerStyleClass *class = style->classes->pdata[i];
        g_autofree char *label = g_markup_escape_text (class->label, -1);

        g_string_append_printf (sld,
                                "        <se:Rule>\n"
                                "          <se:Name>%s</se:Name>\n"
                                "          <se:Description>\n"
                                "            <se:Title>%s</se:Title>\n"
                                "          </se:Description>\n"
                                "          <ogc:Filter xmlns:ogc=\"http://www.opengis.net/ogc\">\n",
                                label, label);
        if (style->kind == SW_LAYER_STYLE_CATEGORIZED)
          {
            g_autofree char *value = g_markup_escape_text (class->value, -1);

            g_string_append_printf (sld,
                                    "            <ogc:PropertyIsEqualTo>\n"
                                    "              <ogc:PropertyName>%s</ogc:PropertyName>\n"
                                    "              <ogc:Literal>%s</ogc:Literal>\n"
                                    "            </ogc:PropertyIsEqualTo>\n",
                                    attribute, value);
          }
        else
          {
            char lower[G_ASCII_DTOSTR_BUF_SIZE];
            char upper[G_ASCII_DTOSTR_BUF_SIZE];

            g_ascii_formatd (lower, sizeof lower, "%g", class->lower);
            g_ascii_formatd (upper, sizeof upper, "%g", class->upper);
            g_string_append_printf (sld,
                                    "            <ogc:And>\n"
                                    "              <ogc:PropertyIsGreaterThan%s>\n"
                                    "                <ogc:PropertyName>%s</ogc:PropertyName>\n"
                                    "                <ogc:Literal>%s</ogc:Literal>\n"
                                    "              </ogc:PropertyIsGreaterThan%s>\n"
                                    "              <ogc:PropertyIsLessThanOrEqualTo>\n"
                                    "                <ogc:PropertyName>%s</ogc:PropertyName>\n"
                                    "                <ogc:Literal>%s</ogc:Literal>\n"
                                    "              </ogc:PropertyIsLessThanOrEqualTo>\n"
                                    "            </ogc:And>\n",
                                    i == 0 ? "OrEqualTo" : "", attribute, lower,
                                    i == 0 ? "OrEqualTo" : "", attribute, upper);
          }
        g_string_append (sld, "          </ogc:Filter>\n");
        append_sld_symbolizer (sld, style, class);
        g_string_append (sld, "        </se:Rule>\n");
      }

  g_string_append (sld,
                   "      </se:FeatureTypeStyle>\n"
                   "    </UserStyle>\n"
                   "  </NamedLayer>\n"
                   "</StyledLayerDescriptor>\n");
  return g_string_free (g_steal_pointer (&sld), FALSE);
}

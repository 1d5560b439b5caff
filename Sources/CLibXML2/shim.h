#ifndef FEEDWATCH_CLIBXML2_SHIM_H
#define FEEDWATCH_CLIBXML2_SHIM_H
// xmlversion.h first, then drop ICU: Debian's libxml2 pulls in ICU headers
// whose UErrorCode clashes with Foundation's copy in any file importing both.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/SAX2.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlreader.h>
#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/entities.h>
#include <libxml/encoding.h>
#include <libxml/uri.h>
#include <string.h>

// libxml2 wants its globals set up once, before threads use it.
static inline void feedwatch_initialize(void) { xmlInitParser(); }

// XML_SAX2_MAGIC does not fit the Int32 Swift would give the macro, so the
// handler table is zeroed and stamped here.
static inline void feedwatch_sax_handler_init(xmlSAXHandler *handler) {
    memset(handler, 0, sizeof(*handler));
    handler->initialized = XML_SAX2_MAGIC;
}

// An HTML named entity (&mdash;, &nbsp;) as an entity libxml2 inlines like
// &amp;: predefined entities go straight to `characters`, which keeps 2.9.14
// from dropping the reference and every later one in recover mode. The
// entities live in `holder`'s internal subset, freed with it.
static inline xmlEntityPtr feedwatch_html_entity(xmlDocPtr holder, const xmlChar *name) {
    if (holder == NULL || holder->intSubset == NULL || name == NULL) return NULL;
    xmlEntityPtr existing = xmlGetDocEntity(holder, name);
    if (existing != NULL) return existing;
    const htmlEntityDesc *description = htmlEntityLookup(name);
    if (description == NULL) return NULL;
    xmlChar utf8[8];
    int length = xmlCopyCharMultiByte(utf8, (int)description->value);
    if (length <= 0) return NULL;
    utf8[length] = 0;
    xmlEntityPtr entity = xmlAddDocEntity(holder, name, XML_INTERNAL_GENERAL_ENTITY, NULL, NULL, utf8);
    if (entity != NULL) entity->etype = XML_INTERNAL_PREDEFINED_ENTITY;
    return entity;
}

// The Unicode scalar an HTML entity name stands for, or 0.
static inline unsigned int feedwatch_html_entity_value(const char *name) {
    const htmlEntityDesc *description = htmlEntityLookup((const xmlChar *)name);
    return description == NULL ? 0 : description->value;
}

// Swallows libxml2's messages where no parser context can take them
// (encoding conversion), which would otherwise go to standard error.
static inline void feedwatch_ignore_error(void *context, const char *message, ...) {
    (void)context;
    (void)message;
}

// Converts `length` bytes in `encoding` to UTF-8 into `output` with
// libxml2's converters (iconv underneath). Returns 0, or -1 for an unknown
// encoding, -2 for bytes invalid in it.
static inline int feedwatch_convert_to_utf8(const char *encoding, const unsigned char *bytes,
                                            int length, xmlBufferPtr output) {
    xmlCharEncodingHandlerPtr handler = xmlFindCharEncodingHandler(encoding);
    if (handler == NULL) return -1;
    // The error handler is per thread in libxml2: set and restore it here.
    xmlGenericErrorFunc previous = xmlGenericError;
    void *previousContext = xmlGenericErrorContext;
    xmlSetGenericErrorFunc(NULL, feedwatch_ignore_error);
    xmlBufferPtr input = xmlBufferCreateSize((size_t)length + 1);
    if (input == NULL) {
        xmlCharEncCloseFunc(handler);
        xmlSetGenericErrorFunc(previousContext, previous);
        return -1;
    }
    xmlBufferAdd(input, bytes, length);
    int status = 0;
    while (xmlBufferLength(input) > 0) {
        int before = xmlBufferLength(input);
        int written = xmlCharEncInFunc(handler, output, input);
        if (written == -2) { status = -2; break; }
        if (written < 0 && written != -3) { status = -2; break; }
        if (xmlBufferLength(input) == before) {
            // No progress: a truncated sequence at the end.
            status = -2;
            break;
        }
    }
    xmlBufferFree(input);
    xmlCharEncCloseFunc(handler);
    xmlSetGenericErrorFunc(previousContext, previous);
    return status;
}
#endif

#include "support/delivered_mail.h"

#include <fcntl.h>
#include <gmime/gmime.h>

#include <regex>

namespace twinning::testing {

std::string mail_header(const std::string& message, const std::string& name) {
  auto end = message.find("\r\n\r\n");
  std::string head = message.substr(0, end);
  std::regex re("(^|\r\n)" + name + ":((?:[^\r]|\r\n[ \t])*)", std::regex::icase);
  std::smatch m;
  if (!std::regex_search(head, m, re)) return "";
  return std::regex_replace(m[2].str(), std::regex("\r\n[ \t]"), " ");
}

std::string pdf_attachment(const std::string& path) {
  g_mime_init();
  GMimeStream* stream = g_mime_stream_fs_open(path.c_str(), O_RDONLY, 0, nullptr);
  if (!stream) return "";
  GMimeParser* parser = g_mime_parser_new_with_stream(stream);
  GMimeMessage* message = g_mime_parser_construct_message(parser, nullptr);
  std::string out;
  if (message) {
    GMimePartIter* iter = g_mime_part_iter_new(GMIME_OBJECT(message));
    do {
      GMimeObject* part = g_mime_part_iter_get_current(iter);
      if (part && GMIME_IS_PART(part) &&
          g_mime_content_type_is_type(g_mime_object_get_content_type(part), "application",
                                      "pdf")) {
        GMimeStream* mem = g_mime_stream_mem_new();
        g_mime_data_wrapper_write_to_stream(g_mime_part_get_content(GMIME_PART(part)), mem);
        GByteArray* bytes = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(mem));
        out.assign(reinterpret_cast<const char*>(bytes->data), bytes->len);
        g_object_unref(mem);
        break;
      }
    } while (g_mime_part_iter_next(iter));
    g_mime_part_iter_free(iter);
    g_object_unref(message);
  }
  g_object_unref(parser);
  g_object_unref(stream);
  return out;
}

}  // namespace twinning::testing

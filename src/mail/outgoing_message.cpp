#include "mail/outgoing_message.h"

#include <memory>

#include "mail/gmime_support.h"

namespace twinning::mail {
namespace {

std::string one_line(std::string s) {
  for (char& c : s) {
    if (c == '\r' || c == '\n') c = ' ';
  }
  return s;
}

// A part holding `bytes` with `encoding`; the caller owns the reference.
GMimePart* part_of(const std::string& media_type, const std::string& bytes,
                   GMimeContentEncoding encoding) {
  GMimeContentType* type = g_mime_content_type_parse(nullptr, media_type.c_str());
  GMimePart* part = g_mime_part_new_with_type(g_mime_content_type_get_media_type(type),
                                              g_mime_content_type_get_media_subtype(type));
  g_object_unref(type);
  GMimeStream* stream = g_mime_stream_mem_new_with_buffer(bytes.data(), bytes.size());
  GMimeDataWrapper* content = g_mime_data_wrapper_new_with_stream(stream, GMIME_CONTENT_ENCODING_DEFAULT);
  g_object_unref(stream);
  g_mime_part_set_content(part, content);
  g_object_unref(content);
  g_mime_part_set_content_encoding(part, encoding);
  return part;
}

}  // namespace

std::string build_message(const OutgoingMessage& m) {
  init_gmime();
  std::unique_ptr<GMimeMessage, Unref> message(g_mime_message_new(TRUE));
  GMimeMessage* msg = message.get();
  g_mime_message_add_mailbox(msg, GMIME_ADDRESS_TYPE_FROM, one_line(m.from_name).c_str(),
                             one_line(m.from_address).c_str());
  g_mime_message_add_mailbox(msg, GMIME_ADDRESS_TYPE_TO, one_line(m.to_name).c_str(),
                             one_line(m.to_address).c_str());
  g_mime_message_add_mailbox(msg, GMIME_ADDRESS_TYPE_REPLY_TO, one_line(m.from_name).c_str(),
                             one_line(m.reply_to).c_str());
  g_mime_message_set_subject(msg, one_line(m.subject).c_str(), "utf-8");
  g_mime_message_set_message_id(msg, one_line(m.message_id).c_str());
  GDateTime* now = g_date_time_new_now_utc();
  g_mime_message_set_date(msg, now);
  g_date_time_unref(now);

  GMimeMultipart* mixed = g_mime_multipart_new_with_subtype("mixed");
  GMimePart* text = part_of("text/plain", m.text, GMIME_CONTENT_ENCODING_QUOTEDPRINTABLE);
  g_mime_object_set_content_type_parameter(GMIME_OBJECT(text), "charset", "utf-8");
  g_mime_multipart_add(mixed, GMIME_OBJECT(text));
  g_object_unref(text);
  for (const auto& f : m.files) {
    GMimePart* part = part_of(f.media_type.empty() ? "application/octet-stream" : f.media_type,
                              f.bytes, GMIME_CONTENT_ENCODING_BASE64);
    g_mime_object_set_disposition(GMIME_OBJECT(part), GMIME_DISPOSITION_ATTACHMENT);
    g_mime_part_set_filename(part, one_line(f.name).c_str());
    g_mime_multipart_add(mixed, GMIME_OBJECT(part));
    g_object_unref(part);
  }
  g_mime_message_set_mime_part(msg, GMIME_OBJECT(mixed));
  g_object_unref(mixed);

  GMimeFormatOptions* options = g_mime_format_options_clone(nullptr);
  g_mime_format_options_set_newline_format(options, GMIME_NEWLINE_FORMAT_DOS);
  GMimeStream* out = g_mime_stream_mem_new();
  g_mime_object_write_to_stream(GMIME_OBJECT(msg), options, out);
  g_mime_format_options_free(options);
  GByteArray* bytes = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(out));
  std::string result(reinterpret_cast<const char*>(bytes->data), bytes->len);
  g_object_unref(out);
  return result;
}

}  // namespace twinning::mail

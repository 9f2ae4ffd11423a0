// Serves the built web interface (web/dist) at "/": files with their content
// types and validators, index.html for a directory, and index.html for any
// other extension-less path, so that the client-side router can take
// "/cities/42" (a reload or a shared link). Never serves anything outside
// the root: ".." segments, hidden files and symbolic links leading out are
// refused. Immutable after construction: safe to share across threads.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "server/http_message.h"

namespace twinning::server {

class StaticFiles {
 public:
  // `root` need not exist yet (a build may produce it later): each request
  // looks at the file system afresh.
  explicit StaticFiles(std::filesystem::path root);

  // The response to a GET or HEAD of `request.path`: 200 with the file, 404
  // (JSON error) when there is nothing to serve. Throws Error(kInvalidInput,
  // "path") for a malformed path.
  Response serve(const Request& request) const;

 private:
  Response file_response(const std::filesystem::path& file) const;
  std::filesystem::path root_;
};

// The Content-Security-Policy of an HTML page of the web interface: scripts
// only from this origin and the page's own inline <script> elements (each
// allowed by its SHA-256 hash, so that no other inline script runs), styles
// from this origin and style attributes (the interface sets them), images
// and fonts from this origin or data: URLs, requests only to this origin,
// no plug-ins, no <base>, and no framing by any page (frame-ancestors
// 'none', as X-Frame-Options: DENY).
std::string page_security_policy(std::string_view html);

// The media type for a file name's extension ("application/javascript" for
// ".js"), or "application/octet-stream".
std::string_view content_type_for(std::string_view file_name);

}  // namespace twinning::server

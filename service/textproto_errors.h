// Copyright sstrack authors.
//
// service/textproto_errors.h — the first error of a protobuf text-format
// parse as "source:line:column: message" (lines and columns from 1), for the
// configuration loaders.
#ifndef SSTRACK_SERVICE_TEXTPROTO_ERRORS_H_
#define SSTRACK_SERVICE_TEXTPROTO_ERRORS_H_

#include <string>

#include "absl/strings/str_cat.h"
#include "google/protobuf/io/tokenizer.h"

namespace sstrack::service {

class FirstTextprotoError : public google::protobuf::io::ErrorCollector {
 public:
  explicit FirstTextprotoError(std::string source) : source_(std::move(source)) {}
  void AddError(int line, google::protobuf::io::ColumnNumber column,
                const std::string& message) override {
    if (first_.empty()) first_ = absl::StrCat(source_, ":", line + 1, ":", column + 1, ": ", message);
  }
  void AddWarning(int, google::protobuf::io::ColumnNumber, const std::string&) override {}
  // Empty when no error was reported.
  const std::string& first() const { return first_; }

 private:
  std::string source_;
  std::string first_;
};

}  // namespace sstrack::service

#endif  // SSTRACK_SERVICE_TEXTPROTO_ERRORS_H_

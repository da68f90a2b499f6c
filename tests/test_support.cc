#include "tests/test_support.h"

#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace ingenuity::testing {

TempFile::TempFile(const std::string& name, const std::string& text) {
  const auto dir =
      std::filesystem::temp_directory_path() / ("ingenuity_test_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  path_ = (dir / name).string();
  std::ofstream(path_) << text;
}

TempFile::~TempFile() { std::filesystem::remove(path_); }

}  // namespace ingenuity::testing

// The layering rules of the design card, checked on the sources: flight_control includes no
// Bullet, no OpenGL/windowing, no file or clock facilities and nothing from sim/, terrain/
// or ui/; sim/ and terrain/ include no OpenGL or windowing.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;

std::vector<std::string> Violations(const std::string& folder,
                                    const std::vector<std::string>& forbidden) {
  std::vector<std::string> found;
  const fs::path root = fs::path(INGENUITY_SOURCE_DIR) / folder;
  const std::regex include(R"(^\s*#\s*include\s*[<"]([^>"]+)[>"])");
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    const auto ext = entry.path().extension();
    if (ext != ".h" && ext != ".cc") continue;
    std::ifstream in(entry.path());
    std::string line;
    int n = 0;
    while (std::getline(in, line)) {
      ++n;
      std::smatch m;
      if (!std::regex_search(line, m, include)) continue;
      for (const std::string& bad : forbidden) {
        if (m[1].str().find(bad) == 0) {
          found.push_back(entry.path().string() + ":" + std::to_string(n) + ": " + m[1].str());
        }
      }
    }
  }
  return found;
}

const std::vector<std::string> kGraphics = {"GL/", "GLFW/", "EGL/", "imgui", "glad", "glm/"};

TEST(DependencyRulesTest, FlightControlSeesNoEngineFilesClocksOrGraphics) {
  std::vector<std::string> forbidden = {
      "bt",          "Bullet",  "BulletCollision/", "BulletDynamics/",
      "LinearMath/", "fstream", "filesystem",       "cstdio",
      "chrono",      "ctime",   "thread",           "yaml-cpp/",
      "gdal",        "sim/",    "terrain/",         "ui/"};
  forbidden.insert(forbidden.end(), kGraphics.begin(), kGraphics.end());
  const auto v = Violations("flight_control", forbidden);
  EXPECT_TRUE(v.empty()) << v.front();
}

TEST(DependencyRulesTest, SimAndTerrainSeeNoGraphics) {
  for (const char* folder : {"sim", "terrain"}) {
    const auto v = Violations(folder, kGraphics);
    EXPECT_TRUE(v.empty()) << v.front();
  }
}

}  // namespace

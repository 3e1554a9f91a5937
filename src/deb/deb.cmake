# Debian packages, one a component (see the install() calls):
#   librepayjump1     runtime      the shared library (named for its SONAME)
#   librepayjump-dev  development  header, static library, .pc, CMake
#                                  package, repayjump(3)
#   repayjump         tool         the repayjump command, repayjump(1)
#   repayjump-httpd   httpd        the HTTP service, its systemd unit,
#                                  /etc/repayjump/httpd.env (a conffile),
#                                  repayjump-httpd(8); built when
#                                  libmicrohttpd is found
# Built by `cpack -G DEB` in a build configured with
# -DCMAKE_INSTALL_PREFIX=/usr (.ci/checks/deb.sh builds, lints, installs
# and removes them). Dependencies come from the binaries (dpkg-shlibdeps).

set(deb_lib librepayjump${REPAYJUMP_SOVERSION})
set(deb_release 1)
set(deb_version ${PROJECT_VERSION}-${deb_release})
set(deb_maintainer "repayjump maintainers <maintainers@users.noreply.r-seed-ab02eeb3.example>")

# Each package's /usr/share/doc/PACKAGE: copyright (from LICENSE, in
# Debian's machine-readable format) and changelog.Debian.gz. Only for the
# packages: a plain install leaves them out (EXCLUDE_FROM_ALL).
file(READ ${PROJECT_SOURCE_DIR}/LICENSE license)
string(REGEX MATCH "Copyright \\(c\\) ([^\n]*)" _ "${license}")
set(deb_copyright_holder "${CMAKE_MATCH_1}")
string(REGEX REPLACE "^MIT License\n\n[^\n]*\n\n" "" license "${license}")
string(REGEX REPLACE "\n+$" "" license "${license}")
string(REPLACE "\n\n" "\n.\n" license "${license}")
string(REPLACE "\n" "\n " deb_license " ${license}")
# The changelog's date: SOURCE_DATE_EPOCH when set (reproducible builds).
string(TIMESTAMP deb_date "%a, %d %b %Y %H:%M:%S +0000" UTC)
set(deb_doc ${PROJECT_BINARY_DIR}/packaging)
configure_file(${CMAKE_CURRENT_LIST_DIR}/copyright.in ${deb_doc}/copyright @ONLY)
configure_file(${CMAKE_CURRENT_LIST_DIR}/changelog.Debian.in
  ${deb_doc}/changelog.Debian @ONLY)
find_program(GZIP_EXECUTABLE gzip)
if(GZIP_EXECUTABLE)
  execute_process(COMMAND ${GZIP_EXECUTABLE} -9nfk ${deb_doc}/changelog.Debian
    RESULT_VARIABLE gzip_failed)
endif()
if(NOT GZIP_EXECUTABLE OR gzip_failed)
  message(STATUS "repayjump: the Debian packages will lack changelog.Debian.gz: no gzip")
endif()

set(deb_components runtime development tool)
if(TARGET repayjump_httpd)
  list(APPEND deb_components httpd)
endif()
foreach(component IN LISTS deb_components)
  string(TOUPPER ${component} c)
  set(name_runtime ${deb_lib})
  set(name_development librepayjump-dev)
  set(name_tool repayjump)
  set(name_httpd repayjump-httpd)
  set(CPACK_DEBIAN_${c}_PACKAGE_NAME ${name_${component}})
  install(FILES ${deb_doc}/copyright ${deb_doc}/changelog.Debian.gz
    DESTINATION ${CMAKE_INSTALL_DATAROOTDIR}/doc/${name_${component}}
    COMPONENT ${component} EXCLUDE_FROM_ALL OPTIONAL)
endforeach()

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME repayjump)
# Each package's description starts with its own synopsis line.
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "")
set(CPACK_PACKAGE_VENDOR "The repayjump authors")
set(CPACK_PACKAGE_CONTACT "${deb_maintainer}")
set(CPACK_STRIP_FILES ON)
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_ALL ${deb_components})
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${deb_maintainer}")
set(CPACK_DEBIAN_PACKAGE_RELEASE ${deb_release})
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# The shlibs file: a program built against 0.1.0 needs 0.1.0 or later.
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS ON)
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS_POLICY ">=")

set(CPACK_DEBIAN_RUNTIME_PACKAGE_SECTION libs)
set(CPACK_DEBIAN_DEVELOPMENT_PACKAGE_SECTION libdevel)
set(CPACK_DEBIAN_TOOL_PACKAGE_SECTION utils)
set(CPACK_DEBIAN_HTTPD_PACKAGE_SECTION net)
# The environment file is a conffile: dpkg keeps an operator's changes.
set(CPACK_DEBIAN_HTTPD_PACKAGE_CONTROL_EXTRA
  ${PROJECT_BINARY_DIR}/examples/backend/service/conffiles)
set(CPACK_DEBIAN_RUNTIME_PACKAGE_MULTIARCH same)
# ldconfig through dpkg's trigger, not maintainer scripts (which CPack
# would otherwise write). Their modes are Debian's (0644, scripts 0755),
# whatever the checkout's umask gave the files.
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
set(CPACK_DEBIAN_RUNTIME_PACKAGE_CONTROL_EXTRA
  ${CMAKE_CURRENT_LIST_DIR}/runtime/triggers
  ${CMAKE_CURRENT_LIST_DIR}/runtime/postinst
  ${CMAKE_CURRENT_LIST_DIR}/runtime/postrm)
set(CPACK_DEBIAN_DEVELOPMENT_PACKAGE_MULTIARCH same)
# The .pc and the CMake package find libsodium through pkg-config.
set(CPACK_DEBIAN_DEVELOPMENT_PACKAGE_DEPENDS
  "${deb_lib} (= ${deb_version}), libsodium-dev (>= 1.0.18), pkgconf | pkg-config")

set(deb_about
  "WeChat Pay merchants send a user to WeChat's repayment mini program with\n"
  "appid, mchid, nonce_str and openid (and more for service providers and\n"
  "APIv2 merchants, who sign them). repayjump validates every field, says\n"
  "which byte of which field is wrong, and writes the exact extraData JSON,\n"
  "navigateToMiniProgram argument or App launch path, with nonces from\n"
  "libsodium.")
string(CONCAT deb_about ${deb_about})
set(CPACK_COMPONENT_RUNTIME_DESCRIPTION
  "WeChat Pay repayment mini program jump parameters (library)\n${deb_about}\n\nThis package contains the shared library.")
set(CPACK_COMPONENT_DEVELOPMENT_DESCRIPTION
  "WeChat Pay repayment mini program jump parameters (development)\n${deb_about}\n\nThis package contains the header, the static library, the pkg-config\nand CMake package files, and the repayjump(3) manual page.")
set(CPACK_COMPONENT_TOOL_DESCRIPTION
  "WeChat Pay repayment mini program jump parameters (command)\n${deb_about}\n\nThis package contains the repayjump command and its manual page.")
set(CPACK_COMPONENT_HTTPD_DESCRIPTION
  "WeChat Pay repayment mini program jump parameters (HTTP service)\n${deb_about}\n\nThis package contains repayjump-httpd, which serves the jump's\nparameters and the user's repayment state over HTTP, with its systemd\nunit (sandboxed, not enabled on install), its configuration file and its\nmanual page.")

include(CPack)

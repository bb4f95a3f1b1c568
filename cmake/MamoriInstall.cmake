# What `cmake --install` puts beside the two programs: the same files the
# Debian packages ship (debian/*.install list them), for any distribution.
# The unit names the program and the config file with the prefix given when
# configuring (-DCMAKE_INSTALL_PREFIX=...): install to that prefix.

set(MAMORI_MAN_LANGUAGES "" ja) # "" is English, in man/; the others in man/LANG/

function(mamori_install_man page section)
  foreach(lang IN LISTS MAMORI_MAN_LANGUAGES)
    if(lang STREQUAL "")
      install(FILES ${PROJECT_SOURCE_DIR}/man/${page}.${section}
              DESTINATION ${CMAKE_INSTALL_MANDIR}/man${section})
    else()
      install(FILES ${PROJECT_SOURCE_DIR}/man/${lang}/${page}.${section}
              DESTINATION ${CMAKE_INSTALL_MANDIR}/${lang}/man${section})
    endif()
  endforeach()
endfunction()

if(TARGET mamori-appliance)
  # The unit goes where this system's systemd looks for packaged units
  # (/lib/systemd/system on Debian 12) when installing to /usr, and under
  # the prefix otherwise.
  if(NOT DEFINED MAMORI_SYSTEMD_UNIT_DIR)
    pkg_get_variable(systemd_unit_dir systemd systemdsystemunitdir)
    if(CMAKE_INSTALL_PREFIX STREQUAL "/usr" AND systemd_unit_dir)
      set(MAMORI_SYSTEMD_UNIT_DIR "${systemd_unit_dir}")
    else()
      set(MAMORI_SYSTEMD_UNIT_DIR "lib/systemd/system")
    endif()
  endif()
  configure_file(${PROJECT_SOURCE_DIR}/appliance/dist/mamori-appliance.service.in
                 ${PROJECT_BINARY_DIR}/mamori-appliance.service @ONLY)
  install(FILES ${PROJECT_BINARY_DIR}/mamori-appliance.service
          DESTINATION ${MAMORI_SYSTEMD_UNIT_DIR})
  install(FILES ${PROJECT_SOURCE_DIR}/appliance/dist/appliance.json
          DESTINATION ${CMAKE_INSTALL_SYSCONFDIR}/mamori PERMISSIONS OWNER_READ OWNER_WRITE GROUP_READ)
  mamori_install_man(mamori-appliance 8)
endif()

if(TARGET mamori-console)
  set(icons ${PROJECT_SOURCE_DIR}/resources/icons)
  install(FILES ${PROJECT_SOURCE_DIR}/resources/mamori-console.desktop
          DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
  install(FILES ${PROJECT_SOURCE_DIR}/resources/invalid.mamori.Console.metainfo.xml
          DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo)
  install(FILES ${icons}/mamori-console.svg
          DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps)
  foreach(size 16 22 24 32 48 64 128 256 512)
    install(FILES ${icons}/${size}/mamori-console.png
            DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/${size}x${size}/apps)
  endforeach()
  mamori_install_man(mamori-console 1)
endif()

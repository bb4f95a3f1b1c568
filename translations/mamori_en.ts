<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>ConsoleOptions</name>
    <message>
        <source>Mamori console: watch and command the agentless antivirus appliances of your virtual desktop hosts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show this help and exit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the version and exit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language of the console: ja or en.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folder for the console&apos;s data (a separate profile).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown language &apos;%1&apos;: use ja or en.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Mamori Console</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h2&gt;No appliances yet&lt;/h2&gt;&lt;p&gt;Mamori watches the security appliance of each virtual desktop host. Add an appliance to see its virtual machines and their protection status.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About Mamori</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>mamori::ui::MainWindow</name>
    <message>
        <source>About Mamori</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h3&gt;Mamori %1&lt;/h3&gt;&lt;p&gt;Agentless antivirus for virtual desktops: one security appliance per host scans every virtual machine from outside, one at a time.&lt;/p&gt;&lt;p&gt;Free software under the GNU General Public License, version 2 or later.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>mamori::widgets::StatusBadge</name>
    <message>
        <source>Protected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scanning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At risk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Infected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unprotected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown (unreachable)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>

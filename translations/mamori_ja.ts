<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja_JP">
<context>
    <name>ConsoleOptions</name>
    <message>
        <source>Mamori console: watch and command the agentless antivirus appliances of your virtual desktop hosts.</source>
        <translation>Mamori コンソール: 仮想デスクトップのホストごとに置かれたエージェントレス型ウイルス対策アプライアンスを監視し、操作します。</translation>
    </message>
    <message>
        <source>Show this help and exit.</source>
        <translation>このヘルプを表示して終了します。</translation>
    </message>
    <message>
        <source>Show the version and exit.</source>
        <translation>バージョンを表示して終了します。</translation>
    </message>
    <message>
        <source>Language of the console: ja or en.</source>
        <translation>コンソールの表示言語: ja または en。</translation>
    </message>
    <message>
        <source>language</source>
        <translation>言語</translation>
    </message>
    <message>
        <source>Folder for the console's data (a separate profile).</source>
        <translation>コンソールのデータを置くフォルダー（別のプロファイルとして使えます）。</translation>
    </message>
    <message>
        <source>folder</source>
        <translation>フォルダー</translation>
    </message>
    <message>
        <source>Unknown language '%1': use ja or en.</source>
        <translation>言語「%1」には対応していません。ja または en を指定してください。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Mamori Console</source>
        <translation>Mamori コンソール</translation>
    </message>
    <message>
        <source>&lt;h2&gt;No appliances yet&lt;/h2&gt;&lt;p&gt;Mamori watches the security appliance of each virtual desktop host. Add an appliance to see its virtual machines and their protection status.&lt;/p&gt;</source>
        <translation>&lt;h2&gt;アプライアンスがまだありません&lt;/h2&gt;&lt;p&gt;Mamori は仮想デスクトップの各ホストにあるセキュリティ・アプライアンスを監視します。アプライアンスを追加すると、その仮想マシンと保護状態が表示されます。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>ファイル(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>ヘルプ(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>終了(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;About Mamori</source>
        <translation>Mamori について(&amp;A)</translation>
    </message>
</context>
<context>
    <name>mamori::ui::MainWindow</name>
    <message>
        <source>About Mamori</source>
        <translation>Mamori について</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Mamori %1&lt;/h3&gt;&lt;p&gt;Agentless antivirus for virtual desktops: one security appliance per host scans every virtual machine from outside, one at a time.&lt;/p&gt;&lt;p&gt;Free software under the GNU General Public License, version 2 or later.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Mamori %1&lt;/h3&gt;&lt;p&gt;仮想デスクトップ向けのエージェントレス型ウイルス対策: ホストごとに 1 台のセキュリティ・アプライアンスが、すべての仮想マシンを外側から 1 台ずつスキャンします。&lt;/p&gt;&lt;p&gt;GNU 一般公衆利用許諾書バージョン 2 以降のもとで配布されるフリーソフトウェアです。&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>mamori::widgets::StatusBadge</name>
    <message>
        <source>Protected</source>
        <translation>保護済み</translation>
    </message>
    <message>
        <source>Scanning</source>
        <translation>スキャン中</translation>
    </message>
    <message>
        <source>At risk</source>
        <translation>要対応</translation>
    </message>
    <message>
        <source>Infected</source>
        <translation>感染</translation>
    </message>
    <message>
        <source>Unprotected</source>
        <translation>未保護</translation>
    </message>
    <message>
        <source>Unknown (unreachable)</source>
        <translation>不明（接続不可）</translation>
    </message>
</context>
</TS>

<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja_JP">
<context>
    <name>AddApplianceDialog</name>
    <message>
        <source>Add Appliance</source>
        <translation>アプライアンスの追加</translation>
    </message>
    <message>
        <source>Enter the address of the host appliance and an account on it. The appliance&apos;s administrator created the account with “mamori-appliance user add”.</source>
        <translation>ホスト・アプライアンスのアドレスと、そのアプライアンスのアカウントを入力してください。アカウントは、アプライアンスの管理者が「mamori-appliance user add」で作成したものです。</translation>
    </message>
    <message>
        <source>&amp;Address:</source>
        <translation>アドレス(&amp;A):</translation>
    </message>
    <message>
        <source>192.0.2.10:8443</source>
        <translation>192.0.2.10:8443</translation>
    </message>
    <message>
        <source>Display &amp;name:</source>
        <translation>表示名(&amp;N):</translation>
    </message>
    <message>
        <source>Optional; the host name is used otherwise</source>
        <translation>省略可（省略するとホスト名を使用します）</translation>
    </message>
    <message>
        <source>&amp;User:</source>
        <translation>ユーザー(&amp;U):</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>パスワード(&amp;P):</translation>
    </message>
    <message>
        <source>&amp;Remember the password in the system keyring</source>
        <translation>パスワードをシステムのキーリングに保存する(&amp;R)</translation>
    </message>
    <message>
        <source>Compare this certificate fingerprint with the one the appliance printed when it started (or run “mamori-appliance fingerprint” on the host). Trust it only if every character matches.</source>
        <translation>この証明書のフィンガープリントを、アプライアンスが起動時に表示したもの（またはホストで「mamori-appliance fingerprint」を実行して表示されるもの）と比較してください。すべての文字が一致する場合にのみ信頼してください。</translation>
    </message>
</context>
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
        <source>Folder for the console&apos;s data (a separate profile).</source>
        <translation>コンソールのデータを置くフォルダー（別のプロファイルとして使えます）。</translation>
    </message>
    <message>
        <source>folder</source>
        <translation>フォルダー</translation>
    </message>
    <message>
        <source>Unknown language &apos;%1&apos;: use ja or en.</source>
        <translation>言語「%1」には対応していません。ja または en を指定してください。</translation>
    </message>
    <message>
        <source>Connect to the lab host in this folder (made by mamori-appliance lab); may be repeated. For trying Mamori out only: it trusts the lab&apos;s files.</source>
        <translation>このフォルダーにあるラボ用ホスト（mamori-appliance lab で作成）に接続します。複数回指定できます。Mamori の試用専用です（ラボのファイルを無条件に信頼します）。</translation>
    </message>
</context>
<context>
    <name>ConsoleStore</name>
    <message>
        <source>The console database could not be used: %1</source>
        <translation>コンソールのデータベースを使用できませんでした: %1</translation>
    </message>
    <message>
        <source>No folder was given for the console&apos;s data.</source>
        <translation>コンソールのデータを置くフォルダーが指定されていません。</translation>
    </message>
    <message>
        <source>Cannot create the folder %1.</source>
        <translation>フォルダー %1 を作成できません。</translation>
    </message>
    <message>
        <source>The console database %1 was created by a newer version of Mamori (schema %2; this version knows up to %3). It was left unchanged; use the newer version or another data folder.</source>
        <translation>コンソールのデータベース %1 は、新しいバージョンの Mamori で作成されています（スキーマ %2。このバージョンが対応しているのは %3 までです）。データベースは変更していません。新しいバージョンを使用するか、別のデータフォルダーを指定してください。</translation>
    </message>
    <message>
        <source>Cannot create the console database %1: %2</source>
        <translation>コンソールのデータベース %1 を作成できません: %2</translation>
    </message>
    <message>
        <source>Cannot make the console database %1 private.</source>
        <translation>コンソールのデータベース %1 のアクセス権を所有者のみに制限できません。</translation>
    </message>
    <message>
        <source>Cannot open the console database %1: %2</source>
        <translation>コンソールのデータベース %1 を開けません: %2</translation>
    </message>
    <message>
        <source>%1 is not a console database, or it is damaged: %2</source>
        <translation>%1 はコンソールのデータベースではないか、破損しています: %2</translation>
    </message>
    <message>
        <source>Cannot set up the console database: %1</source>
        <translation>コンソールのデータベースを準備できません: %1</translation>
    </message>
    <message>
        <source>The console database was created by a newer version of Mamori.</source>
        <translation>コンソールのデータベースは、新しいバージョンの Mamori で作成されています。</translation>
    </message>
    <message>
        <source>Cannot update the console database: %1</source>
        <translation>コンソールのデータベースを更新できません: %1</translation>
    </message>
    <message>
        <source>Cannot update the console database to schema %1: %2</source>
        <translation>コンソールのデータベースをスキーマ %1 に更新できません: %2</translation>
    </message>
    <message>
        <source>The address %1 is not valid: it must look like https://host:port.</source>
        <translation>アドレス %1 は無効です。https://ホスト:ポート の形式で指定してください。</translation>
    </message>
    <message>
        <source>An appliance with the address %1 is already in the list.</source>
        <translation>アドレス %1 のアプライアンスは既に一覧に登録されています。</translation>
    </message>
    <message>
        <source>No such appliance.</source>
        <translation>該当するアプライアンスがありません。</translation>
    </message>
    <message>
        <source>The console database is not open.</source>
        <translation>コンソールのデータベースが開かれていません。</translation>
    </message>
</context>
<context>
    <name>DetailRows</name>
    <message>
        <source>Files on the host</source>
        <translation>ホスト上のファイルの場所</translation>
    </message>
    <message>
        <source>Disk %1</source>
        <translation>ディスク %1</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>Golden image</source>
        <translation>ゴールデンイメージ</translation>
    </message>
</context>
<context>
    <name>LabSetup</name>
    <message>
        <source>%1 is not a running lab host (start it with mamori-appliance lab --dir %1).</source>
        <translation>%1 は稼働中のラボ用ホストではありません（mamori-appliance lab --dir %1 で起動してください）。</translation>
    </message>
    <message>
        <source>%1 holds an incomplete lab host.</source>
        <translation>%1 のラボ用ホストは不完全です。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Mamori Console</source>
        <translation>Mamori コンソール</translation>
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
    <message>
        <source>Pages</source>
        <translation>ページ</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>表示(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>設定(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>言語(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Add Appliance…</source>
        <translation>アプライアンスを追加(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Remove Appliance…</source>
        <translation>アプライアンスを削除(&amp;R)…</translation>
    </message>
    <message>
        <source>Follow the &amp;System</source>
        <translation>システムの設定に従う(&amp;S)</translation>
    </message>
</context>
<context>
    <name>MetricsArchive</name>
    <message>
        <source>Cannot create the folder %1.</source>
        <translation>フォルダー %1 を作成できません。</translation>
    </message>
    <message>
        <source>Cannot open %1: %2</source>
        <translation>%1 を開けません: %2</translation>
    </message>
    <message>
        <source>Cannot make %1 private.</source>
        <translation>%1 のアクセス権を所有者のみに制限できません。</translation>
    </message>
    <message>
        <source>Cannot set up %1: %2</source>
        <translation>%1 を準備できません: %2</translation>
    </message>
    <message>
        <source>Cannot read the schema version: %1</source>
        <translation>スキーマのバージョンを読み取れません: %1</translation>
    </message>
    <message>
        <source>%1 was written by a newer console (schema %2).</source>
        <translation>%1 は、新しいバージョンのコンソールで作成されています（スキーマ %2）。</translation>
    </message>
    <message>
        <source>Cannot create the metrics history: %1</source>
        <translation>パフォーマンスデータの履歴を作成できません: %1</translation>
    </message>
    <message>
        <source>The metrics history is not open.</source>
        <translation>パフォーマンスデータの履歴が開かれていません。</translation>
    </message>
    <message>
        <source>Cannot store metrics: %1</source>
        <translation>パフォーマンスデータを保存できません: %1</translation>
    </message>
</context>
<context>
    <name>VmActions</name>
    <message>
        <source>&amp;Scan now</source>
        <translation>今すぐスキャン(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Isolate VM…</source>
        <translation>仮想マシンをネットワークから分離(&amp;I)…</translation>
    </message>
    <message>
        <source>&amp;Release VM</source>
        <translation>ネットワーク分離を解除(&amp;R)</translation>
    </message>
    <message>
        <source>The VM&apos;s appliance is not connected.</source>
        <translation>この仮想マシンのアプライアンスに接続していません。</translation>
    </message>
    <message>
        <source>The appliance no longer lists this VM.</source>
        <translation>アプライアンスの一覧にこの仮想マシンがなくなりました。</translation>
    </message>
    <message>
        <source>start scans</source>
        <translation>スキャンの開始</translation>
    </message>
    <message>
        <source>isolate or release VMs</source>
        <translation>仮想マシンのネットワーク分離とその解除</translation>
    </message>
    <message>
        <source>A scan of this VM is already running or waiting.</source>
        <translation>この仮想マシンのスキャンはすでに実行中または実行待ちです。</translation>
    </message>
    <message>
        <source>The VM is already isolated.</source>
        <translation>この仮想マシンはすでにネットワークから分離されています。</translation>
    </message>
    <message>
        <source>Isolation is recorded on an incident, and this VM has none.</source>
        <translation>ネットワーク分離はインシデントに記録されますが、この仮想マシンにはインシデントがありません。</translation>
    </message>
    <message>
        <source>The VM is not isolated.</source>
        <translation>この仮想マシンはネットワークから分離されていません。</translation>
    </message>
    <message>
        <source>Release is recorded on an incident, and this VM has none.</source>
        <translation>分離の解除はインシデントに記録されますが、この仮想マシンにはインシデントがありません。</translation>
    </message>
    <message>
        <source>A full scan of %1 is queued.</source>
        <translation>%1 のフルスキャンを実行待ちにしました。</translation>
    </message>
    <message>
        <source>Cut VM %1 off the network? Its network links stay down until you release it.</source>
        <translation>仮想マシン %1 をネットワークから分離しますか？ 分離を解除するまでネットワークリンクは切断されたままになります。</translation>
    </message>
    <message>
        <source>%1 is isolated from the network.</source>
        <translation>%1 をネットワークから分離しました。</translation>
    </message>
    <message>
        <source>%1 is back on the network.</source>
        <translation>%1 のネットワーク分離を解除しました。</translation>
    </message>
</context>
<context>
    <name>mamori::console::ActionLogModel</name>
    <message>
        <source>Time</source>
        <translation>日時</translation>
    </message>
    <message>
        <source>Appliance</source>
        <translation>アプライアンス</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>対象</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>結果</translation>
    </message>
</context>
<context>
    <name>mamori::console::AlertModel</name>
    <message>
        <source>Time</source>
        <translation>日時</translation>
    </message>
    <message>
        <source>Appliance</source>
        <translation>アプライアンス</translation>
    </message>
    <message>
        <source>Alert</source>
        <translation>アラート</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>詳細</translation>
    </message>
</context>
<context>
    <name>mamori::console::AlertText</name>
    <message>
        <source>Appliance started</source>
        <translation>アプライアンス起動</translation>
    </message>
    <message>
        <source>Appliance trouble</source>
        <translation>アプライアンスの障害</translation>
    </message>
    <message>
        <source>VM added</source>
        <translation>仮想マシンの追加</translation>
    </message>
    <message>
        <source>VM removed</source>
        <translation>仮想マシンの削除</translation>
    </message>
    <message>
        <source>VM power changed</source>
        <translation>仮想マシンの電源状態の変化</translation>
    </message>
    <message>
        <source>VM changed</source>
        <translation>仮想マシンの変更</translation>
    </message>
    <message>
        <source>VM isolation</source>
        <translation>仮想マシンのネットワーク分離</translation>
    </message>
    <message>
        <source>Scan queued</source>
        <translation>スキャン実行待ち</translation>
    </message>
    <message>
        <source>Scan started</source>
        <translation>スキャン開始</translation>
    </message>
    <message>
        <source>Scan progress</source>
        <translation>スキャンの進行状況</translation>
    </message>
    <message>
        <source>Scan paused</source>
        <translation>スキャン一時停止</translation>
    </message>
    <message>
        <source>Scan resumed</source>
        <translation>スキャン再開</translation>
    </message>
    <message>
        <source>Scan finished</source>
        <translation>スキャン完了</translation>
    </message>
    <message>
        <source>Scan cancelled</source>
        <translation>スキャン取り消し</translation>
    </message>
    <message>
        <source>Scan failed</source>
        <translation>スキャン失敗</translation>
    </message>
    <message>
        <source>File not fully scanned</source>
        <translation>スキャンしきれなかったファイル</translation>
    </message>
    <message>
        <source>Scan load governor</source>
        <translation>スキャンの負荷制御</translation>
    </message>
    <message>
        <source>New incident</source>
        <translation>新しいインシデント</translation>
    </message>
    <message>
        <source>Incident updated</source>
        <translation>インシデントの更新</translation>
    </message>
    <message>
        <source>Pattern file changed</source>
        <translation>パターンファイルの変更</translation>
    </message>
    <message>
        <source>Pattern file refused</source>
        <translation>パターンファイルの拒否</translation>
    </message>
    <message>
        <source>Pattern file update waiting</source>
        <translation>未適用のパターンファイル</translation>
    </message>
    <message>
        <source>Policy changed</source>
        <translation>ポリシーの変更</translation>
    </message>
    <message>
        <source>VM inventory</source>
        <translation>仮想マシンのインベントリ</translation>
    </message>
    <message>
        <source>Real-time scanning of %1</source>
        <translation>%1 のリアルタイムスキャン</translation>
    </message>
    <message>
        <source>%1 has a problem. The appliance reports: %2</source>
        <translation>%1 に問題があります。アプライアンスからの報告: %2</translation>
    </message>
    <message>
        <source>Pattern file %1 was refused and not installed. The appliance reports: %2</source>
        <translation>パターンファイル %1 は拒否され、適用されませんでした。アプライアンスからの報告: %2</translation>
    </message>
    <message numerus="yes">
        <source>Pattern file %1 has been available for %n hour(s) and is not installed yet.</source>
        <translation>
            <numerusform>パターンファイル %1 は %n 時間前から利用できますが、まだ適用されていません。</numerusform>
        </translation>
    </message>
    <message>
        <source>a size or depth limit was reached</source>
        <translation>サイズまたは階層の上限に達しました</translation>
    </message>
    <message>
        <source>the archive is encrypted</source>
        <translation>アーカイブが暗号化されています</translation>
    </message>
    <message>
        <source>%1 in %2 could not be fully scanned: %3.</source>
        <translation>%2 の %1 を最後までスキャンできませんでした: %3。</translation>
    </message>
    <message>
        <source>%1 was isolated from the network.</source>
        <translation>%1 をネットワークから分離しました。</translation>
    </message>
    <message>
        <source>%1 was released from isolation.</source>
        <translation>%1 のネットワーク分離を解除しました。</translation>
    </message>
    <message>
        <source>%1 found in %2: %3</source>
        <translation>%2 で %1 を検出: %3</translation>
    </message>
    <message>
        <source>Appliance answers incomplete</source>
        <translation>アプライアンスの応答が不完全</translation>
    </message>
    <message>
        <source>Appliance answers complete again</source>
        <translation>アプライアンスの応答が回復</translation>
    </message>
    <message>
        <source>Its VMs are shown as unknown until it is read.</source>
        <translation>読み取れるまで、このホストの仮想マシンは「不明」と表示します。</translation>
    </message>
    <message>
        <source>The appliance is shown as degraded until it is read.</source>
        <translation>読み取れるまで、このアプライアンスは「一部取得不可」と表示します。</translation>
    </message>
    <message>
        <source>Everything the console reads from the appliance is answered again.</source>
        <translation>コンソールがアプライアンスから読み取る情報を、再びすべて取得できるようになりました。</translation>
    </message>
    <message>
        <source>Incident reopened</source>
        <translation>インシデントの再オープン</translation>
    </message>
    <message>
        <source>%1 found again in %2 after it was restored: %3</source>
        <translation>復元した %1 を %2 で再び検出: %3</translation>
    </message>
    <message>
        <source>Contact lost</source>
        <translation>通信途絶</translation>
    </message>
    <message>
        <source>Contact restored</source>
        <translation>通信回復</translation>
    </message>
    <message>
        <source>The appliance cannot be reached (%1). Its figures are shown greyed, as of the last contact; the console keeps trying.</source>
        <translation>アプライアンスに接続できません（%1）。数値は最終通信時点のものをグレーで表示しています。コンソールは接続を試み続けます。</translation>
    </message>
    <message>
        <source>The appliance answers again.</source>
        <translation>アプライアンスが再び応答するようになりました。</translation>
    </message>
</context>
<context>
    <name>mamori::console::ApiError</name>
    <message>
        <source>the appliance</source>
        <translation>（アドレス不明）</translation>
    </message>
    <message>
        <source>The address of the appliance %1 could not be found. Check the address.</source>
        <translation>アプライアンスのアドレス %1 が見つかりませんでした。アドレスを確認してください。</translation>
    </message>
    <message>
        <source>The connection to the appliance at %1 was lost. Check that it is running and that the network is working; the console will try again.</source>
        <translation>アプライアンス %1 との接続が切断されました。アプライアンスが動作していること、およびネットワークが正常であることを確認してください。コンソールは自動的に再接続を試みます。</translation>
    </message>
    <message>
        <source>The appliance at %1 refused the connection. Check that it is running and that the address and port are right.</source>
        <translation>アプライアンス %1 が接続を拒否しました。アプライアンスが動作していること、およびアドレスとポートが正しいことを確認してください。</translation>
    </message>
    <message>
        <source>The appliance at %1 did not answer in time. Check that it is running and that the network is working, then try again.</source>
        <translation>アプライアンス %1 から時間内に応答がありませんでした。アプライアンスが動作していること、およびネットワークが正常であることを確認してから、もう一度実行してください。</translation>
    </message>
    <message>
        <source>The certificate of the appliance at %1 is not trusted yet. Compare its certificate fingerprint with the one the appliance shows, then trust it.</source>
        <translation>アプライアンス %1 の証明書はまだ信頼されていません。証明書のフィンガープリントをアプライアンスに表示されているものと比較してから、信頼してください。</translation>
    </message>
    <message>
        <source>No secure connection could be made to the appliance at %1. Check that the address and port belong to a Mamori appliance.</source>
        <translation>アプライアンス %1 との安全な接続を確立できませんでした。アドレスとポートが Mamori のアプライアンスのものであることを確認してください。</translation>
    </message>
    <message>
        <source>The appliance at %1 presented a certificate other than the one you trusted. The console will not connect to it. If the appliance was reinstalled, compare the new certificate fingerprint with the one the appliance shows and trust it again; otherwise someone may be intercepting the connection.</source>
        <translation>アプライアンス %1 が、信頼済みのものとは異なる証明書を提示しました。コンソールはこのアプライアンスに接続しません。アプライアンスを再インストールした場合は、新しい証明書のフィンガープリントをアプライアンスに表示されているものと比較してから、あらためて信頼してください。再インストールしていない場合は、第三者に通信を傍受されているおそれがあります。</translation>
    </message>
    <message>
        <source>The appliance at %1 sent an answer that is too large. Check that the address belongs to a Mamori appliance.</source>
        <translation>アプライアンス %1 からの応答が大きすぎます。アドレスが Mamori のアプライアンスのものであることを確認してください。</translation>
    </message>
    <message>
        <source>The appliance at %1 sent an answer the console does not understand. Check that the address belongs to a Mamori appliance of a supported version.</source>
        <translation>アプライアンス %1 から、コンソールが解釈できない応答を受信しました。アドレスが、サポート対象のバージョンの Mamori アプライアンスのものであることを確認してください。</translation>
    </message>
    <message>
        <source>No password was entered, so the console did not sign in to the appliance at %1.</source>
        <translation>パスワードが入力されなかったため、アプライアンス %1 にログインしませんでした。</translation>
    </message>
    <message>
        <source>The request was cancelled.</source>
        <translation>要求はキャンセルされました。</translation>
    </message>
    <message>
        <source>The appliance did not accept the request as the console sent it. This is a fault in the console; please report it.</source>
        <translation>コンソールから送信した要求がアプライアンスに受け付けられませんでした。コンソールの不具合です。開発元に報告してください。</translation>
    </message>
    <message>
        <source>The appliance did not accept a value in the request. Check what you entered and try again.</source>
        <translation>要求に含まれる値がアプライアンスに受け付けられませんでした。入力内容を確認して、もう一度実行してください。</translation>
    </message>
    <message>
        <source>The path is outside the virtual machine&apos;s files. Choose a path inside the virtual machine.</source>
        <translation>パスが仮想マシンのファイルの範囲外です。仮想マシン内のパスを指定してください。</translation>
    </message>
    <message>
        <source>You are not signed in to the appliance at %1, or your session was ended. Sign in again.</source>
        <translation>アプライアンス %1 にログインしていないか、セッションが終了しました。もう一度ログインしてください。</translation>
    </message>
    <message>
        <source>Your session on the appliance at %1 has expired. Sign in again.</source>
        <translation>アプライアンス %1 のセッションの有効期限が切れました。もう一度ログインしてください。</translation>
    </message>
    <message>
        <source>The user name or password is wrong. Check both and sign in again.</source>
        <translation>ユーザー名またはパスワードが正しくありません。両方を確認して、もう一度ログインしてください。</translation>
    </message>
    <message numerus="yes">
        <source>Too many failed sign-ins. Try again in %n minute(s).</source>
        <translation>
            <numerusform>ログインの失敗回数が上限を超えました。%n 分後にもう一度実行してください。</numerusform>
        </translation>
    </message>
    <message>
        <source>Your role on this appliance may not do this.</source>
        <translation>このアプライアンスでのロールでは、この操作を実行できません。</translation>
    </message>
    <message>
        <source>The item was not found on the appliance. It may have been removed; refresh and try again.</source>
        <translation>対象の項目がアプライアンス上に見つかりませんでした。削除された可能性があります。表示を更新して、もう一度実行してください。</translation>
    </message>
    <message>
        <source>The appliance at %1 does not support this action. Its version may be older than the console&apos;s.</source>
        <translation>アプライアンス %1 はこの操作に対応していません。アプライアンスのバージョンがコンソールより古い可能性があります。</translation>
    </message>
    <message>
        <source>This cannot be done now because of the item&apos;s current state. Refresh and try again.</source>
        <translation>対象の項目の現在の状態では、この操作を実行できません。表示を更新して、もう一度実行してください。</translation>
    </message>
    <message>
        <source>The request is too large for the appliance. Send less at once.</source>
        <translation>要求がアプライアンスの上限を超えています。一度に送信する量を減らしてください。</translation>
    </message>
    <message>
        <source>A service the appliance at %1 needs (the scan engine or the update source) is not available. Try again later; the appliance&apos;s log has the details.</source>
        <translation>アプライアンス %1 が必要とするサービス（スキャンエンジンまたはアップデート元）を利用できません。しばらくしてからもう一度実行してください。詳細はアプライアンスのログを確認してください。</translation>
    </message>
    <message>
        <source>The appliance at %1 had an internal error. Try again; if it happens again, check the appliance&apos;s log.</source>
        <translation>アプライアンス %1 で内部エラーが発生しました。もう一度実行してください。再び発生する場合は、アプライアンスのログを確認してください。</translation>
    </message>
    <message>
        <source>The appliance at %1 answered with an error (HTTP %2). Try again later.</source>
        <translation>アプライアンス %1 がエラーを返しました（HTTP %2）。しばらくしてからもう一度実行してください。</translation>
    </message>
    <message>
        <source>The appliance at %1 refused the request (HTTP %2).</source>
        <translation>アプライアンス %1 が要求を拒否しました（HTTP %2）。</translation>
    </message>
    <message>
        <source>The appliance at %1 is busy with too many requests of this kind. Try again in a few seconds.</source>
        <translation>アプライアンス %1 は同じ種類の要求を多数処理中です。数秒後にもう一度実行してください。</translation>
    </message>
    <message>
        <source>The file&apos;s folder in the virtual machine has been replaced by a link or removed, so the appliance did not touch it. A quarantined file stays in quarantine; check the virtual machine and try again.</source>
        <translation>仮想マシン内のファイルのフォルダーがリンクに置き換えられたか削除されたため、アプライアンスはファイルに触れませんでした。隔離済みのファイルは隔離されたままです。仮想マシンを確認してから、もう一度実行してください。</translation>
    </message>
    <message>
        <source>The file is inside the virtual machine&apos;s disk image, which the appliance only reads: it cannot be quarantined, deleted or restored from outside. Isolate the virtual machine from the network instead.</source>
        <translation>このファイルは仮想マシンのディスクイメージ内にあり、アプライアンスはディスクイメージを読み取るだけなので、外部から隔離・削除・復元することはできません。代わりに仮想マシンをネットワークから分離してください。</translation>
    </message>
    <message>
        <source>The appliance at %1 has no space left in its data folder, so it changed nothing. Free space on the appliance and try again.</source>
        <translation>アプライアンス %1 のデータフォルダーに空き容量がないため、何も変更しませんでした。アプライアンスの空き容量を確保してから、もう一度実行してください。</translation>
    </message>
    <message>
        <source>The appliance at %1 cannot write to its data folder (it is read-only), so it changed nothing. Check the appliance&apos;s storage and try again.</source>
        <translation>アプライアンス %1 のデータフォルダーが読み取り専用で書き込めないため、何も変更しませんでした。アプライアンスのストレージを確認してから、もう一度実行してください。</translation>
    </message>
    <message>
        <source>The appliance at %1 could not reach its storage, so it changed nothing. Try again; if it happens again, check the appliance&apos;s log.</source>
        <translation>アプライアンス %1 がストレージにアクセスできなかったため、何も変更しませんでした。もう一度実行してください。再び発生する場合は、アプライアンスのログを確認してください。</translation>
    </message>
    <message>
        <source>The incident is resolved, so it can no longer be acknowledged or assigned. The file and VM actions still work on it.</source>
        <translation>このインシデントは解決済みのため、確認済みにすることも担当者を割り当てることもできません。ファイルと仮想マシンの操作は引き続き行えます。</translation>
    </message>
    <message>
        <source>The incident is already acknowledged. Assign or resolve it instead.</source>
        <translation>このインシデントは既に確認済みです。担当者を割り当てるか、解決済みにしてください。</translation>
    </message>
    <message>
        <source>The incident is already resolved; nothing was changed.</source>
        <translation>このインシデントは既に解決済みです。何も変更されていません。</translation>
    </message>
    <message>
        <source>The file is already in quarantine. Delete it for good, or restore it if it is safe.</source>
        <translation>このファイルは既に隔離されています。完全に削除するか、安全であれば復元してください。</translation>
    </message>
    <message>
        <source>The file is not in quarantine, so there is nothing to restore.</source>
        <translation>このファイルは隔離されていないため、復元するものはありません。</translation>
    </message>
    <message>
        <source>The file was deleted for good; no file action is possible any more. Resolve the incident.</source>
        <translation>このファイルは完全に削除されているため、ファイルの操作はもうできません。インシデントを解決済みにしてください。</translation>
    </message>
    <message>
        <source>The file is allowed: it is trusted on every VM. No other file action applies to it.</source>
        <translation>このファイルは許可されており、すべての仮想マシンで信頼されています。ほかのファイル操作は適用されません。</translation>
    </message>
    <message>
        <source>The VM is already isolated from the network.</source>
        <translation>この仮想マシンは既にネットワークから分離されています。</translation>
    </message>
    <message>
        <source>The VM is not isolated from the network, so there is nothing to release.</source>
        <translation>この仮想マシンはネットワークから分離されていないため、解除するものはありません。</translation>
    </message>
    <message>
        <source>The file is no longer where it was found in the VM (it was moved or removed), so the appliance did not touch anything. Scan the VM again to find it.</source>
        <translation>ファイルが仮想マシン内の検出された場所にありません（移動または削除されました）。アプライアンスは何も変更していません。仮想マシンを再度スキャンしてファイルを探してください。</translation>
    </message>
    <message>
        <source>The file in the VM has changed since it was detected, so the appliance did not touch it. Scan the VM again; a new detection opens its own incident.</source>
        <translation>仮想マシン内のファイルが検出後に変更されているため、アプライアンスは何も変更していません。仮想マシンを再度スキャンしてください。新たに検出されると、別のインシデントになります。</translation>
    </message>
    <message>
        <source>Another file now has the original&apos;s name in the VM, so the file stays in quarantine. Move that file away in the VM and restore again.</source>
        <translation>仮想マシン内に元のファイルと同じ名前の別のファイルがあるため、ファイルは隔離されたままです。仮想マシン内でそのファイルを移動してから、もう一度復元してください。</translation>
    </message>
</context>
<context>
    <name>mamori::console::AuditModel</name>
    <message>
        <source>No.</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>日時</translation>
    </message>
    <message>
        <source>User</source>
        <translation>ユーザー</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>ロール</translation>
    </message>
    <message>
        <source>From</source>
        <translation>接続元</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>対象</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>結果</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>詳細</translation>
    </message>
</context>
<context>
    <name>mamori::console::AuditText</name>
    <message>
        <source>Start scans</source>
        <translation>スキャンの開始</translation>
    </message>
    <message>
        <source>Cancel a scan</source>
        <translation>スキャンの取り消し</translation>
    </message>
    <message>
        <source>Update the pattern file</source>
        <translation>パターンファイルの更新</translation>
    </message>
    <message>
        <source>Roll back the pattern file</source>
        <translation>パターンファイルのロールバック</translation>
    </message>
    <message>
        <source>Change the policy</source>
        <translation>ポリシーの変更</translation>
    </message>
    <message>
        <source>Act on an incident</source>
        <translation>インシデントへの対処</translation>
    </message>
    <message>
        <source>Read incidents</source>
        <translation>インシデントの閲覧</translation>
    </message>
    <message>
        <source>Read an incident</source>
        <translation>インシデントの閲覧</translation>
    </message>
    <message>
        <source>Read the audit log</source>
        <translation>監査ログの閲覧</translation>
    </message>
    <message>
        <source>Capture the performance baseline</source>
        <translation>パフォーマンスのベースライン取得</translation>
    </message>
    <message>
        <source>Log in</source>
        <translation>ログイン</translation>
    </message>
    <message>
        <source>Log out</source>
        <translation>ログアウト</translation>
    </message>
    <message>
        <source>Account locked after failed logins</source>
        <translation>ログイン失敗によるアカウントのロック</translation>
    </message>
    <message>
        <source>Login refused</source>
        <translation>ログイン拒否</translation>
    </message>
    <message>
        <source>Run a held-back scan now</source>
        <translation>保留中のスキャンを今すぐ実行</translation>
    </message>
    <message>
        <source>Import a pattern file</source>
        <translation>パターンファイルのインポート</translation>
    </message>
    <message>
        <source>Install a pattern file</source>
        <translation>パターンファイルの適用</translation>
    </message>
    <message>
        <source>Add the appliance</source>
        <translation>アプライアンスの追加</translation>
    </message>
    <message>
        <source>Remove the appliance</source>
        <translation>アプライアンスの削除</translation>
    </message>
    <message>
        <source>Trust the new certificate</source>
        <translation>新しい証明書の信頼</translation>
    </message>
    <message>
        <source>Quarantine the file</source>
        <translation>ファイルの隔離</translation>
    </message>
    <message>
        <source>Delete the file</source>
        <translation>ファイルの削除</translation>
    </message>
    <message>
        <source>Restore the file</source>
        <translation>ファイルの復元</translation>
    </message>
    <message>
        <source>Allow the file</source>
        <translation>ファイルの許可</translation>
    </message>
    <message>
        <source>Isolate the VM from the network</source>
        <translation>仮想マシンをネットワークから分離</translation>
    </message>
    <message>
        <source>Release the VM from isolation</source>
        <translation>ネットワーク分離を解除</translation>
    </message>
    <message>
        <source>Acknowledge the incident</source>
        <translation>インシデントを確認済みにする</translation>
    </message>
    <message>
        <source>Assign the incident</source>
        <translation>インシデントの担当者を割り当てる</translation>
    </message>
    <message>
        <source>Resolve the incident</source>
        <translation>インシデントを解決済みにする</translation>
    </message>
    <message>
        <source>Reload the configuration</source>
        <translation>設定の再読み込み</translation>
    </message>
    <message>
        <source>Restore the database</source>
        <translation>データベースの復元</translation>
    </message>
    <message>
        <source>Renew the certificate</source>
        <translation>証明書の更新</translation>
    </message>
    <message>
        <source>Trim the audit log</source>
        <translation>監査ログの切り詰め</translation>
    </message>
    <message>
        <source>Trim the event log</source>
        <translation>イベントログの切り詰め</translation>
    </message>
    <message>
        <source>Another request</source>
        <translation>その他の要求</translation>
    </message>
    <message>
        <source>every VM</source>
        <translation>すべての仮想マシン</translation>
    </message>
    <message>
        <source>Succeeded</source>
        <translation>成功</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失敗</translation>
    </message>
    <message>
        <source>Refused: not allowed for the role</source>
        <translation>拒否: ロールに権限がありません</translation>
    </message>
    <message>
        <source>the appliance itself</source>
        <translation>アプライアンス自身</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
</context>
<context>
    <name>mamori::console::Fleet</name>
    <message>
        <source>Appliances speak HTTPS only: use https:// or just the address.</source>
        <translation>アプライアンスは HTTPS でのみ通信します。https:// を付けるか、アドレスのみを入力してください。</translation>
    </message>
    <message>
        <source>“%1” is not an appliance address. Enter a host name or IP address, optionally with a port, such as 192.0.2.10:8443.</source>
        <translation>「%1」はアプライアンスのアドレスではありません。ホスト名または IP アドレスを入力してください。ポートも指定できます（例: 192.0.2.10:8443）。</translation>
    </message>
</context>
<context>
    <name>mamori::console::FleetModel</name>
    <message>
        <source>Last contact %1 (%2).</source>
        <translation>最終通信: %1（%2）</translation>
    </message>
    <message>
        <source>The appliance of %1 has not been reached yet.</source>
        <translation>%1 のアプライアンスにはまだ接続できていません。</translation>
    </message>
    <message>
        <source>The appliance of %1 cannot be reached; last contact %2 (%3).</source>
        <translation>%1 のアプライアンスに接続できません。最終通信: %2（%3）</translation>
    </message>
    <message>
        <source>%1 of %2 running</source>
        <translation>%2 台中 %1 台が稼働中</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>未実行</translation>
    </message>
    <message>
        <source>Moved from %1 at %2</source>
        <translation>%1 から移動（%2）</translation>
    </message>
    <message numerus="yes">
        <source>%n virtual machine(s)</source>
        <translation>
            <numerusform>仮想マシン %n 台</numerusform>
        </translation>
    </message>
    <message>
        <source>Pattern file: %1</source>
        <translation>パターンファイル: %1</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Last known state: %1</source>
        <translation>最後に確認された状態: %1</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名前</translation>
    </message>
    <message>
        <source>Power</source>
        <translation>電源</translation>
    </message>
    <message>
        <source>Protection</source>
        <translation>保護状態</translation>
    </message>
    <message>
        <source>Pattern version</source>
        <translation>パターンファイルのバージョン</translation>
    </message>
    <message>
        <source>Last scan</source>
        <translation>最終スキャン</translation>
    </message>
    <message>
        <source>Open incidents</source>
        <translation>未解決のインシデント</translation>
    </message>
    <message>
        <source>Unknown (not read)</source>
        <translation>不明（読み取り不可）</translation>
    </message>
    <message>
        <source>Degraded</source>
        <translation>一部取得不可</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1、%2</translation>
    </message>
</context>
<context>
    <name>mamori::console::HostTrouble</name>
    <message>
        <source>the appliance information</source>
        <translation>アプライアンス情報</translation>
    </message>
    <message>
        <source>the VM list</source>
        <translation>仮想マシンの一覧</translation>
    </message>
    <message>
        <source>the pattern file status</source>
        <translation>パターンファイルの状態</translation>
    </message>
    <message>
        <source>the scan queue</source>
        <translation>スキャンキュー</translation>
    </message>
    <message>
        <source>the incidents</source>
        <translation>インシデント</translation>
    </message>
    <message>
        <source>the policy</source>
        <translation>ポリシー</translation>
    </message>
    <message>
        <source>Could not read %1: %2</source>
        <translation>%1を読み取れませんでした。%2</translation>
    </message>
    <message>
        <source>The VM list has not been read yet.</source>
        <translation>仮想マシンの一覧をまだ読み取っていません。</translation>
    </message>
    <message>
        <source>The protection of this host&apos;s VMs is unknown until the VM list is read.</source>
        <translation>仮想マシンの一覧を読み取るまで、このホストの仮想マシンの保護状態は不明です。</translation>
    </message>
</context>
<context>
    <name>mamori::console::IncidentModel</name>
    <message>
        <source>Severity</source>
        <translation>重大度</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>日時</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>ホスト</translation>
    </message>
    <message>
        <source>VM</source>
        <translation>VM</translation>
    </message>
    <message>
        <source>Threat</source>
        <translation>脅威</translation>
    </message>
    <message>
        <source>File</source>
        <translation>ファイル</translation>
    </message>
    <message>
        <source>Action taken</source>
        <translation>実行した処理</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状態</translation>
    </message>
    <message>
        <source>Assignee</source>
        <translation>担当者</translation>
    </message>
</context>
<context>
    <name>mamori::console::PatternModel</name>
    <message>
        <source>None</source>
        <translation>なし</translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation>未接続</translation>
    </message>
    <message>
        <source>Outdated: no pattern file installed</source>
        <translation>要更新: パターンファイルがインストールされていません</translation>
    </message>
    <message>
        <source>Outdated: a newer pattern file is available</source>
        <translation>要更新: 新しいパターンファイルがあります</translation>
    </message>
    <message>
        <source>Up to date as far as known; the update source failed: %1</source>
        <translation>確認できた範囲では最新です（アップデート元でエラーが発生しました: %1）</translation>
    </message>
    <message>
        <source>Up to date</source>
        <translation>最新</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>ホスト</translation>
    </message>
    <message>
        <source>Active pattern</source>
        <translation>使用中のパターンファイル</translation>
    </message>
    <message>
        <source>Newest at the source</source>
        <translation>アップデート元の最新版</translation>
    </message>
    <message>
        <source>Available since</source>
        <translation>公開日時</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状態</translation>
    </message>
    <message>
        <source>Last result</source>
        <translation>前回の結果</translation>
    </message>
    <message>
        <source>Held back after rollback: %1 is not installed until you allow it again</source>
        <translation>ロールバック後の保留中: %1 は再び許可するまでインストールされません</translation>
    </message>
</context>
<context>
    <name>mamori::console::ScanFollow</name>
    <message>
        <source>less than a minute left</source>
        <translation>残り1分未満</translation>
    </message>
    <message numerus="yes">
        <source>about %n minute(s) left</source>
        <translation>
            <numerusform>残り約 %n 分</numerusform>
        </translation>
    </message>
    <message>
        <source>about %1 h %2 min left</source>
        <translation>残り約 %1 時間 %2 分</translation>
    </message>
    <message>
        <source>%1 of %2 files</source>
        <translation>%1 / %2 ファイル</translation>
    </message>
    <message>
        <source>%1 files</source>
        <translation>%1 ファイル</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1、%2</translation>
    </message>
    <message>
        <source>%1 of about %2 files (%3 %)</source>
        <translation>%1 / 約 %2 ファイル（%3%）</translation>
    </message>
    <message>
        <source>%1, almost done, %2</source>
        <translation>%1、まもなく完了、%2</translation>
    </message>
    <message>
        <source>%1, %2, %3</source>
        <translation>%1、%2、%3</translation>
    </message>
    <message>
        <source>Scan of %1 on %2 finished: threats found (%3 files). See Incidents.</source>
        <translation>%2 の %1 のスキャンが完了しました: 脅威を検出（%3 ファイル）。インシデントを確認してください。</translation>
    </message>
    <message>
        <source>Scan of %1 on %2 finished: clean (%3 files).</source>
        <translation>%2 の %1 のスキャンが完了しました: 脅威なし（%3 ファイル）。</translation>
    </message>
    <message>
        <source>Scan of %1 on %2 was cancelled.</source>
        <translation>%2 の %1 のスキャンはキャンセルされました。</translation>
    </message>
    <message>
        <source>Scan of %1 on %2 failed: %3</source>
        <translation>%2 の %1 のスキャンが失敗しました: %3</translation>
    </message>
    <message>
        <source>CPU %1 % against a threshold of %2 %</source>
        <translation>CPU使用率 %1%（しきい値 %2%）</translation>
    </message>
    <message>
        <source>disk I/O %1/s against a threshold of %2/s</source>
        <translation>ディスクI/O %1/秒（しきい値 %2/秒）</translation>
    </message>
    <message>
        <source>Held back: the host is busy compared with its baseline</source>
        <translation>保留中: ホストの負荷がベースラインに比べて高くなっています</translation>
    </message>
    <message>
        <source>Held back: the host is busy (%1)</source>
        <translation>保留中: ホストの負荷が高くなっています（%1）</translation>
    </message>
    <message>
        <source>; </source>
        <translation>、</translation>
    </message>
</context>
<context>
    <name>mamori::console::ScanJobModel</name>
    <message>
        <source>Recent scans</source>
        <translation>最近のスキャン</translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation>未接続</translation>
    </message>
    <message>
        <source>Scans held back: the host is busy compared with its baseline</source>
        <translation>スキャン保留中: ホストの負荷がベースラインに比べて高くなっています</translation>
    </message>
    <message>
        <source>Idle</source>
        <translation>待機中</translation>
    </message>
    <message>
        <source>%1 running, %2 waiting</source>
        <translation>実行中 %1、実行待ち %2</translation>
    </message>
    <message>
        <source>▶ Now</source>
        <translation>▶ 実行中</translation>
    </message>
    <message>
        <source>Paused by the governor</source>
        <translation>負荷制御により一時停止</translation>
    </message>
    <message>
        <source>Paused by the governor (%1)</source>
        <translation>負荷制御により一時停止（%1）</translation>
    </message>
    <message>
        <source>Finished: threats found</source>
        <translation>完了: 脅威を検出</translation>
    </message>
    <message>
        <source>Finished: clean</source>
        <translation>完了: 脅威なし</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>失敗: %1</translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>Host / position</source>
        <translation>ホスト／順番</translation>
    </message>
    <message>
        <source>VM</source>
        <translation>VM</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状態</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>種類</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>進捗</translation>
    </message>
    <message>
        <source>Scan cache hits / misses</source>
        <translation>スキャンキャッシュのヒット／ミス</translation>
    </message>
    <message>
        <source>Current file</source>
        <translation>現在のファイル</translation>
    </message>
    <message>
        <source>Waiting, number %1 in the queue</source>
        <translation>実行待ち（キューの %1 番目）</translation>
    </message>
    <message>
        <source>%1; number %2 in the queue</source>
        <translation>%1（キューの %2 番目）</translation>
    </message>
</context>
<context>
    <name>mamori::console::StatusText</name>
    <message>
        <source>Protected</source>
        <translation>保護済み</translation>
    </message>
    <message>
        <source>Scanning</source>
        <translation>スキャン中</translation>
    </message>
    <message>
        <source>Unknown (unreachable)</source>
        <translation>不明（接続不可）</translation>
    </message>
    <message>
        <source>At risk</source>
        <translation>要対応</translation>
    </message>
    <message>
        <source>Unprotected</source>
        <translation>未保護</translation>
    </message>
    <message>
        <source>Infected</source>
        <translation>感染</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>実行中</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>一時停止中</translation>
    </message>
    <message>
        <source>Shut off</source>
        <translation>電源オフ</translation>
    </message>
    <message>
        <source>Unknown</source>
        <comment>power state</comment>
        <translation>不明</translation>
    </message>
    <message>
        <source>No pattern file is installed.</source>
        <translation>パターンファイルがインストールされていません。</translation>
    </message>
    <message>
        <source>Real-time scanning is off.</source>
        <translation>リアルタイムスキャンが無効になっています。</translation>
    </message>
    <message>
        <source>The VM&apos;s files cannot be read.</source>
        <translation>仮想マシンのファイルを読み取れません。</translation>
    </message>
    <message>
        <source>A full scan is overdue.</source>
        <translation>フルスキャンの実施期限を過ぎています。</translation>
    </message>
    <message>
        <source>The pattern file is out of date.</source>
        <translation>パターンファイルが古くなっています。</translation>
    </message>
    <message>
        <source>An incident is open.</source>
        <translation>未解決のインシデントがあります。</translation>
    </message>
    <message>
        <source>The VM has never had a full scan.</source>
        <translation>この仮想マシンはフルスキャンを一度も実行していません。</translation>
    </message>
    <message>
        <source>A scan is running.</source>
        <translation>スキャンを実行中です。</translation>
    </message>
    <message>
        <source>The last full scan used an older pattern file.</source>
        <translation>前回のフルスキャンは古いパターンファイルで実行されました。</translation>
    </message>
    <message>
        <source>Low</source>
        <translation>低</translation>
    </message>
    <message>
        <source>Medium</source>
        <translation>中</translation>
    </message>
    <message>
        <source>High</source>
        <translation>高</translation>
    </message>
    <message>
        <source>Critical</source>
        <translation>緊急</translation>
    </message>
    <message>
        <source>Unknown</source>
        <comment>severity</comment>
        <translation>不明</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新規</translation>
    </message>
    <message>
        <source>Acknowledged</source>
        <translation>確認済み</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>解決済み</translation>
    </message>
    <message>
        <source>Unknown</source>
        <comment>incident state</comment>
        <translation>不明</translation>
    </message>
    <message>
        <source>None</source>
        <translation>なし</translation>
    </message>
    <message>
        <source>Quarantined</source>
        <translation>隔離済み</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>削除済み</translation>
    </message>
    <message>
        <source>Restored</source>
        <translation>復元済み</translation>
    </message>
    <message>
        <source>Allowed</source>
        <translation>許可済み</translation>
    </message>
    <message>
        <source>Unknown</source>
        <comment>file action</comment>
        <translation>不明</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>実行待ち</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>完了</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>キャンセル済み</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失敗</translation>
    </message>
    <message>
        <source>Unknown</source>
        <comment>scan state</comment>
        <translation>不明</translation>
    </message>
    <message>
        <source>Full scan</source>
        <translation>フルスキャン</translation>
    </message>
    <message>
        <source>Quick scan</source>
        <translation>クイックスキャン</translation>
    </message>
    <message>
        <source>Custom scan</source>
        <translation>カスタムスキャン</translation>
    </message>
    <message>
        <source>Unknown</source>
        <comment>scan kind</comment>
        <translation>不明</translation>
    </message>
    <message>
        <source>On</source>
        <comment>real-time scanning</comment>
        <translation>有効</translation>
    </message>
    <message>
        <source>Off</source>
        <comment>real-time scanning</comment>
        <translation>無効</translation>
    </message>
    <message>
        <source>On, blocking infected files</source>
        <comment>real-time scanning</comment>
        <translation>有効（感染ファイルを開く操作をブロック）</translation>
    </message>
    <message>
        <source>Unknown</source>
        <comment>real-time scanning</comment>
        <translation>不明</translation>
    </message>
    <message>
        <source>Real-time scanning</source>
        <translation>リアルタイムスキャン</translation>
    </message>
    <message>
        <source>Scan %1</source>
        <translation>スキャン %1</translation>
    </message>
    <message>
        <source>not signed in</source>
        <translation>未ログイン</translation>
    </message>
    <message>
        <source>security administrator</source>
        <translation>セキュリティ管理者</translation>
    </message>
    <message>
        <source>virtualization administrator</source>
        <translation>仮想化管理者</translation>
    </message>
    <message>
        <source>auditor</source>
        <translation>監査担当者</translation>
    </message>
    <message>
        <source>Your role on this appliance (%1) may not %2.</source>
        <translation>このアプライアンスでのロール（%1）には、%2の権限がありません。</translation>
    </message>
    <message>
        <source>Running</source>
        <comment>power state</comment>
        <translation>稼働中</translation>
    </message>
    <message>
        <source>The VM&apos;s disks cannot be read.</source>
        <translation>仮想マシンのディスクを読み取れません。</translation>
    </message>
    <message>
        <source>A file system on the VM&apos;s disks cannot be scanned.</source>
        <translation>仮想マシンのディスクに、スキャンできないファイルシステムがあります。</translation>
    </message>
    <message>
        <source>Image VM (disks read from outside)</source>
        <translation>イメージVM（ディスクを外部から読み取り）</translation>
    </message>
    <message>
        <source>Directory VM (files on the host)</source>
        <translation>ディレクトリVM（ホスト上のファイル）</translation>
    </message>
    <message>
        <source>Unknown</source>
        <comment>VM kind</comment>
        <translation>不明</translation>
    </message>
    <message>
        <source>Not available for image VMs</source>
        <comment>real-time scanning</comment>
        <translation>イメージVMでは利用できません</translation>
    </message>
    <message>
        <source>just now</source>
        <translation>たった今</translation>
    </message>
    <message numerus="yes">
        <source>%n minute(s) ago</source>
        <translation>
            <numerusform>%n 分前</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n hour(s) ago</source>
        <translation>
            <numerusform>%n 時間前</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n day(s) ago</source>
        <translation>
            <numerusform>%n 日前</numerusform>
        </translation>
    </message>
    <message>
        <source>never read</source>
        <translation>未取得</translation>
    </message>
    <message>
        <source>as of %1 (%2)</source>
        <translation>%1 時点（%2）</translation>
    </message>
</context>
<context>
    <name>mamori::ui::AddApplianceDialog</name>
    <message>
        <source>&amp;Connect</source>
        <translation>接続(&amp;C)</translation>
    </message>
    <message>
        <source>The fingerprints &amp;match: trust</source>
        <translation>フィンガープリントが一致する: 信頼する(&amp;M)</translation>
    </message>
    <message>
        <source>They &amp;differ: cancel</source>
        <translation>一致しない: キャンセル(&amp;D)</translation>
    </message>
    <message>
        <source>The appliance presented no certificate.</source>
        <translation>アプライアンスが証明書を提示しませんでした。</translation>
    </message>
    <message>
        <source>SHA-256: %1</source>
        <translation>SHA-256: %1</translation>
    </message>
    <message>
        <source>Subject: %1
Valid from %2 to %3</source>
        <translation>サブジェクト: %1
有効期間: %2 ～ %3</translation>
    </message>
    <message>
        <source>Signed in. The appliance is pinned to this certificate; if it ever presents another one, the console will stop and warn you.</source>
        <translation>ログインしました。このアプライアンスはこの証明書に固定されました。今後別の証明書が提示された場合、コンソールは通信を停止して警告します。</translation>
    </message>
    <message>
        <source>The appliance was added, but signing in failed: %1</source>
        <translation>アプライアンスは追加されましたが、ログインに失敗しました: %1</translation>
    </message>
</context>
<context>
    <name>mamori::ui::AuditPage</name>
    <message>
        <source>Fetch the whole audit log of the chosen appliance and check its hash chain.</source>
        <translation>選択したアプライアンスの監査ログ全体を取得し、ハッシュチェーンを検証します。</translation>
    </message>
    <message>
        <source>Search the audit log</source>
        <translation>監査ログを検索</translation>
    </message>
    <message>
        <source>Appliance audit log</source>
        <translation>アプライアンスの監査ログ</translation>
    </message>
    <message>
        <source>My actions in this console</source>
        <translation>このコンソールでの自分の操作</translation>
    </message>
    <message>
        <source>read the audit log</source>
        <translation>監査ログの閲覧</translation>
    </message>
    <message>
        <source>Loading the audit log of %1…</source>
        <translation>%1 の監査ログを読み込んでいます…</translation>
    </message>
    <message numerus="yes">
        <source>Chain intact (%n record(s))</source>
        <translation>
            <numerusform>チェーンは正常です（%n 件のレコード）</numerusform>
        </translation>
    </message>
    <message>
        <source>Chain broken at record %1</source>
        <translation>レコード %1 でチェーンが途切れています</translation>
    </message>
    <message>
        <source>Choose an appliance and load its audit log to check its hash chain.</source>
        <translation>アプライアンスを選択して監査ログを読み込むと、ハッシュチェーンを検証できます。</translation>
    </message>
    <message>
        <source>Records are missing: record %1, which the console verified earlier, is no longer in this audit log. Records were removed or rewritten on the appliance.</source>
        <translation>レコードが欠落しています: コンソールが以前に検証したレコード %1 が、この監査ログにありません。アプライアンス上でレコードが削除または書き換えられました。</translation>
    </message>
    <message>
        <source>&amp;Reload</source>
        <translation>再読み込み(&amp;R)</translation>
    </message>
</context>
<context>
    <name>mamori::ui::BaselineTable</name>
    <message>
        <source>no baseline yet</source>
        <translation>ベースラインはまだありません</translation>
    </message>
    <message>
        <source>%1 now, baseline %2</source>
        <translation>現在 %1、ベースライン %2</translation>
    </message>
    <message>
        <source>%1 now</source>
        <translation>現在 %1</translation>
    </message>
</context>
<context>
    <name>mamori::ui::FleetPage</name>
    <message>
        <source>Search by name…</source>
        <translation>名前で検索…</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>検索</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>すべての状態</translation>
    </message>
    <message>
        <source>Protection status filter</source>
        <translation>保護状態フィルター</translation>
    </message>
    <message>
        <source>&lt;p&gt;Select a host or a virtual machine to see its details.&lt;/p&gt;</source>
        <translation>&lt;p&gt;ホストまたは仮想マシンを選択すると、詳細が表示されます。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>アドレス</translation>
    </message>
    <message>
        <source>Signed in as</source>
        <translation>ログイン中のユーザー</translation>
    </message>
    <message>
        <source>not signed in</source>
        <translation>未ログイン</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>Appliance version</source>
        <translation>アプライアンスのバージョン</translation>
    </message>
    <message>
        <source>Engine</source>
        <translation>エンジン</translation>
    </message>
    <message>
        <source>Pattern file</source>
        <translation>パターンファイル</translation>
    </message>
    <message>
        <source>Virtual machines</source>
        <translation>仮想マシン</translation>
    </message>
    <message>
        <source>Certificate fingerprint</source>
        <translation>証明書のフィンガープリント</translation>
    </message>
    <message>
        <source>Protection status</source>
        <translation>保護状態</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>ホスト</translation>
    </message>
    <message>
        <source>VM id</source>
        <translation>VM ID</translation>
    </message>
    <message>
        <source>Power</source>
        <translation>電源</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>理由</translation>
    </message>
    <message>
        <source>Real-time scanning</source>
        <translation>リアルタイムスキャン</translation>
    </message>
    <message>
        <source>Last scan</source>
        <translation>最終スキャン</translation>
    </message>
    <message>
        <source>Open incidents</source>
        <translation>未解決のインシデント</translation>
    </message>
    <message>
        <source>Moved from</source>
        <translation>移動元</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>種類</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>問題</translation>
    </message>
    <message>
        <source>&amp;Open VM page</source>
        <translation>仮想マシンのページを開く(&amp;O)</translation>
    </message>
    <message>
        <source>Last contact</source>
        <translation>最終通信</translation>
    </message>
    <message>
        <source>Reconnect now</source>
        <translation>今すぐ再接続</translation>
    </message>
</context>
<context>
    <name>mamori::ui::HelpWindow</name>
    <message>
        <source>Administrator&apos;s Guide</source>
        <translation>管理者ガイド</translation>
    </message>
</context>
<context>
    <name>mamori::ui::IncidentsPage</name>
    <message>
        <source>&amp;Quarantine</source>
        <translation>隔離(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>削除(&amp;D)…</translation>
    </message>
    <message>
        <source>Rest&amp;ore…</source>
        <translation>復元(&amp;O)…</translation>
    </message>
    <message>
        <source>A&amp;llow…</source>
        <translation>許可(&amp;L)…</translation>
    </message>
    <message>
        <source>&amp;Isolate VM…</source>
        <translation>仮想マシンをネットワークから分離(&amp;I)…</translation>
    </message>
    <message>
        <source>Ac&amp;knowledge</source>
        <translation>確認済みにする(&amp;K)</translation>
    </message>
    <message>
        <source>Assi&amp;gn…</source>
        <translation>担当者を割り当てる(&amp;G)…</translation>
    </message>
    <message>
        <source>Resol&amp;ve</source>
        <translation>解決済みにする(&amp;V)</translation>
    </message>
    <message>
        <source>Search incidents</source>
        <translation>インシデントを検索</translation>
    </message>
    <message>
        <source>Open incidents</source>
        <translation>未解決のインシデント</translation>
    </message>
    <message>
        <source>All states</source>
        <translation>すべての状態</translation>
    </message>
    <message>
        <source>All severities</source>
        <translation>すべての重大度</translation>
    </message>
    <message>
        <source>&amp;Report…</source>
        <translation>レポート(&amp;R)…</translation>
    </message>
    <message>
        <source>Write a report of the fleet&apos;s protection status and incidents.</source>
        <translation>全ホストの保護状態とインシデントのレポートを作成します。</translation>
    </message>
    <message>
        <source>act on incidents</source>
        <translation>インシデントへの対処</translation>
    </message>
    <message>
        <source>Select one or more incidents first.</source>
        <translation>先にインシデントを 1 件以上選択してください。</translation>
    </message>
    <message>
        <source>This action applies to one incident at a time.</source>
        <translation>この操作は一度に 1 件のインシデントにのみ実行できます。</translation>
    </message>
    <message numerus="yes">
        <source>Apply to the %n selected incident(s).</source>
        <translation>
            <numerusform>選択した %n 件のインシデントに適用します。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n incident(s) selected.</source>
        <translation>
            <numerusform>%n 件のインシデントを選択しています。</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Note:</source>
        <translation>メモ(&amp;N):</translation>
    </message>
    <message>
        <source>&amp;Assignee:</source>
        <translation>担当者(&amp;A):</translation>
    </message>
    <message>
        <source>Enter the user name of the assignee.</source>
        <translation>担当者のユーザー名を入力してください。</translation>
    </message>
    <message>
        <source>Delete %1 from VM %2 for good?</source>
        <translation>仮想マシン %2 から %1 を完全に削除しますか？</translation>
    </message>
    <message>
        <source>Trust %1 on every VM from now on? It is restored if it is quarantined. (VM %2)</source>
        <translation>今後すべての仮想マシンで %1 を許可しますか？隔離されている場合は復元されます。（仮想マシン %2）</translation>
    </message>
    <message>
        <source>Restore %1, detected as a threat, to VM %2?</source>
        <translation>脅威として検出された %1 を仮想マシン %2 に復元しますか？</translation>
    </message>
    <message>
        <source>Cut VM %2 off the network? (incident file %1)</source>
        <translation>仮想マシン %2 をネットワークから分離しますか？（インシデントのファイル: %1）</translation>
    </message>
    <message>
        <source>Working…</source>
        <translation>処理中…</translation>
    </message>
    <message>
        <source>%1 (%2): done.</source>
        <translation>%1（%2）: 完了しました。</translation>
    </message>
    <message>
        <source>%1 (%2): %3</source>
        <translation>%1（%2）: %3</translation>
    </message>
    <message>
        <source>Select an incident to see its whole record and history.</source>
        <translation>インシデントを選択すると、詳細な記録と履歴が表示されます。</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>重大度</translation>
    </message>
    <message>
        <source>Threat</source>
        <translation>脅威</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>ホスト</translation>
    </message>
    <message>
        <source>VM</source>
        <translation>VM</translation>
    </message>
    <message>
        <source>File</source>
        <translation>ファイル</translation>
    </message>
    <message>
        <source>SHA-256</source>
        <translation>SHA-256</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>サイズ</translation>
    </message>
    <message>
        <source>Found by</source>
        <translation>検出方法</translation>
    </message>
    <message>
        <source>First seen</source>
        <translation>初回検出</translation>
    </message>
    <message>
        <source>Last seen</source>
        <translation>最終検出</translation>
    </message>
    <message>
        <source>Detections</source>
        <translation>検出回数</translation>
    </message>
    <message>
        <source>Action taken</source>
        <translation>実行した処理</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状態</translation>
    </message>
    <message>
        <source>Assignee</source>
        <translation>担当者</translation>
    </message>
    <message>
        <source>History</source>
        <translation>履歴</translation>
    </message>
    <message>
        <source>Release V&amp;M</source>
        <translation>ネットワーク分離を解除(&amp;M)</translation>
    </message>
    <message>
        <source>%1 is inside the disk image of VM %2, which the appliance only reads. Cut VM %2 off the network instead?</source>
        <translation>%1 は仮想マシン %2 のディスクイメージ内にあり、アプライアンスは読み取るだけです。代わりに仮想マシン %2 をネットワークから分離しますか？</translation>
    </message>
    <message>
        <source>%1 (%2): the VM is isolated.</source>
        <translation>%1（%2）: 仮想マシンをネットワークから分離しました。</translation>
    </message>
    <message>
        <source>&amp;Open VM page</source>
        <translation>仮想マシンのページを開く(&amp;O)</translation>
    </message>
    <message numerus="yes">
        <source>Apply to %1 of the %n selected incident(s); it does not apply to the others in their state.</source>
        <translation>
            <numerusform>選択した %n 件のインシデントのうち %1 件に適用します。ほかのインシデントには、その状態では適用されません。</numerusform>
        </translation>
    </message>
    <message>
        <source>Show incidents of any time</source>
        <translation>期間の絞り込みを解除</translation>
    </message>
    <message>
        <source>First detected on %1</source>
        <translation>初回検出日: %1</translation>
    </message>
    <message>
        <source>First detected %1–%2</source>
        <translation>初回検出: %1～%2</translation>
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
    <message>
        <source>Overview</source>
        <translation>概要</translation>
    </message>
    <message>
        <source>Hosts and VMs</source>
        <translation>ホストと仮想マシン</translation>
    </message>
    <message>
        <source>Performance</source>
        <translation>パフォーマンス</translation>
    </message>
    <message>
        <source>Scans</source>
        <translation>スキャン</translation>
    </message>
    <message>
        <source>Pattern Files</source>
        <translation>パターンファイル</translation>
    </message>
    <message numerus="yes">
        <source>Incidents (%n new)</source>
        <translation>
            <numerusform>インシデント（新規 %n 件）</numerusform>
        </translation>
    </message>
    <message>
        <source>Incidents</source>
        <translation>インシデント</translation>
    </message>
    <message>
        <source>Audit Log</source>
        <translation>監査ログ</translation>
    </message>
    <message>
        <source>No appliances yet: add one with File › Add Appliance.</source>
        <translation>アプライアンスが登録されていません。［ファイル］›［アプライアンスを追加］で追加してください。</translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n appliance(s) online</source>
        <translation>
            <numerusform>アプライアンス %n 台中 %1 台がオンライン</numerusform>
        </translation>
    </message>
    <message>
        <source>Remove Appliance</source>
        <translation>アプライアンスの削除</translation>
    </message>
    <message>
        <source>Remove %1 from this console? The appliance keeps running and protecting its virtual machines; only this console stops watching it, and its saved password is removed from the keyring.</source>
        <translation>このコンソールから %1 を削除しますか？アプライアンスは引き続き動作し、仮想マシンを保護します。このコンソールでの監視が停止し、保存されているパスワードがキーリングから削除されるだけです。</translation>
    </message>
    <message>
        <source>Sign In to %1</source>
        <translation>%1 にログイン</translation>
    </message>
    <message>
        <source>Password of %1 on %2:</source>
        <translation>%2 のユーザー %1 のパスワード:</translation>
    </message>
    <message>
        <source>Certificate Changed</source>
        <translation>証明書の変更</translation>
    </message>
    <message>
        <source>%1 presented a different certificate than the one you trusted. The console has stopped talking to it: someone may be impersonating the appliance, or it was reinstalled.</source>
        <translation>%1 が、信頼済みのものとは異なる証明書を提示しました。コンソールはこのアプライアンスとの通信を停止しました。第三者がアプライアンスになりすましているか、アプライアンスが再インストールされた可能性があります。</translation>
    </message>
    <message>
        <source>Trusted: %1
Presented: %2

Compare the presented fingerprint with the output of “mamori-appliance fingerprint” on the host before you trust it.</source>
        <translation>信頼済み: %1
提示された証明書: %2

信頼する前に、提示されたフィンガープリントをホストで実行した「mamori-appliance fingerprint」の出力と比較してください。</translation>
    </message>
    <message>
        <source>&amp;Trust the New Certificate…</source>
        <translation>新しい証明書を信頼する(&amp;T)…</translation>
    </message>
    <message>
        <source>Keep &amp;Blocked</source>
        <translation>ブロックしたままにする(&amp;B)</translation>
    </message>
    <message>
        <source>Trust the New Certificate</source>
        <translation>新しい証明書を信頼する</translation>
    </message>
    <message>
        <source>Trust this certificate for %1?

SHA-256: %2</source>
        <translation>%1 のこの証明書を信頼しますか？

SHA-256: %2</translation>
    </message>
    <message>
        <source>%1 found in %2 on %3</source>
        <translation>%3 上の仮想マシン %2 で %1 を検出しました</translation>
    </message>
    <message>
        <source>New Incident</source>
        <translation>新しいインシデント</translation>
    </message>
    <message>
        <source>No keyring answers: the console asks again next time.</source>
        <translation>キーリングが応答しません。次回もパスワードを尋ねます。</translation>
    </message>
    <message>
        <source>%1 now presents yet another certificate (%2), not the one you compared (%3). Nothing was trusted.</source>
        <translation>%1 は、照合した証明書（%3）ではなく、さらに別の証明書（%2）を提示しています。何も信頼していません。</translation>
    </message>
    <message>
        <source>&amp;Remember the password in the system keyring</source>
        <translation>パスワードをシステムのキーリングに保存する(&amp;R)</translation>
    </message>
    <message>
        <source>Administrator&apos;s &amp;Guide</source>
        <translation>管理者ガイド(&amp;G)</translation>
    </message>
    <message>
        <source>Scan ended</source>
        <translation>スキャン終了</translation>
    </message>
    <message>
        <source>Reading again from every appliance…</source>
        <translation>すべてのアプライアンスから再読み込みしています…</translation>
    </message>
    <message>
        <source>%1: %2 (%3)</source>
        <translation>%1: %2（%3）</translation>
    </message>
    <message>
        <source>%1: not signed in</source>
        <translation>%1: 未ログイン</translation>
    </message>
    <message>
        <source>Incidents (not for your role)</source>
        <translation>インシデント（このロールでは閲覧不可）</translation>
    </message>
    <message>
        <source>Audit Log (not for your role)</source>
        <translation>監査ログ（このロールでは閲覧不可）</translation>
    </message>
    <message>
        <source>see incidents</source>
        <translation>インシデントの閲覧</translation>
    </message>
    <message>
        <source>read the audit log</source>
        <translation>監査ログの閲覧</translation>
    </message>
    <message>
        <source>Main Toolbar</source>
        <translation>メインツールバー</translation>
    </message>
    <message>
        <source>&amp;Actions</source>
        <translation>操作(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>最新の情報に更新(&amp;R)</translation>
    </message>
    <message>
        <source>Read the current page again from every appliance (F5)</source>
        <translation>表示中のページをすべてのアプライアンスから読み直します（F5）</translation>
    </message>
    <message>
        <source>Re&amp;connect</source>
        <translation>再接続(&amp;C)</translation>
    </message>
    <message>
        <source>Connect again now to the selected appliance, or to every one out of reach</source>
        <translation>選択したアプライアンス、または接続できないすべてのアプライアンスに今すぐ再接続します</translation>
    </message>
    <message>
        <source>Start &amp;Scan…</source>
        <translation>スキャンを開始(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Update Patterns</source>
        <translation>パターンファイルを更新(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Report…</source>
        <translation>レポート(&amp;R)…</translation>
    </message>
    <message>
        <source>Add Appliance</source>
        <translation>アプライアンス追加</translation>
    </message>
    <message>
        <source>Start Scan</source>
        <translation>スキャン開始</translation>
    </message>
    <message>
        <source>Update Patterns</source>
        <translation>パターン更新</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>レポート</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>更新</translation>
    </message>
    <message>
        <source>Reconnect</source>
        <translation>再接続</translation>
    </message>
</context>
<context>
    <name>mamori::ui::OverviewPage</name>
    <message>
        <source>Not known yet</source>
        <translation>未確認</translation>
    </message>
    <message>
        <source>No pattern file</source>
        <translation>パターンファイルなし</translation>
    </message>
    <message>
        <source>Outdated: the newest is %1</source>
        <translation>要更新: 最新版は %1</translation>
    </message>
    <message>
        <source>Up to date</source>
        <translation>最新</translation>
    </message>
    <message>
        <source>no baseline yet</source>
        <translation>ベースライン未作成</translation>
    </message>
    <message>
        <source>(%1 now, baseline %2)</source>
        <translation>（現在 %1、ベースライン %2）</translation>
    </message>
    <message>
        <source>Protection status of VMs</source>
        <translation>仮想マシンの保護状態</translation>
    </message>
    <message>
        <source>Open incidents</source>
        <translation>未解決のインシデント</translation>
    </message>
    <message>
        <source>Pattern files</source>
        <translation>パターンファイル</translation>
    </message>
    <message>
        <source>Offline or not signed in:</source>
        <translation>オフラインまたは未ログイン:</translation>
    </message>
    <message>
        <source>Open (severity not shown to your role):</source>
        <translation>未解決（このロールには重大度を表示しません）:</translation>
    </message>
    <message>
        <source>Appliance</source>
        <translation>アプライアンス</translation>
    </message>
    <message>
        <source>Active pattern file</source>
        <translation>使用中のパターンファイル</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状態</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>ホスト</translation>
    </message>
    <message>
        <source>No host has reported metrics yet.</source>
        <translation>パフォーマンスデータを報告したホストはまだありません。</translation>
    </message>
    <message>
        <source>Hosts furthest above baseline (by CPU)</source>
        <translation>ベースラインを最も上回っているホスト（CPU 基準）</translation>
    </message>
    <message numerus="yes">
        <source>%n detection(s) in the last 7 days</source>
        <translation>
            <numerusform>過去 7 日間の検出: %n 件</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n detection(s) in the last 24 hours</source>
        <translation>
            <numerusform>過去 24 時間の検出: %n 件</numerusform>
        </translation>
    </message>
    <message>
        <source>Open the list of incidents.</source>
        <translation>インシデントの一覧を開きます。</translation>
    </message>
    <message>
        <source>Open the incidents of this threat.</source>
        <translation>この脅威のインシデントを開きます。</translation>
    </message>
    <message>
        <source>Open the incidents of this VM.</source>
        <translation>この仮想マシンのインシデントを開きます。</translation>
    </message>
    <message>
        <source>Open the performance of this host.</source>
        <translation>このホストのパフォーマンスを開きます。</translation>
    </message>
    <message>
        <source>Recent alerts (double-click one about a VM to open it)</source>
        <translation>最近のアラート（仮想マシンに関するアラートはダブルクリックで開きます）</translation>
    </message>
    <message>
        <source>Appliances and scans</source>
        <translation>アプライアンスとスキャン</translation>
    </message>
    <message>
        <source>Detections over time</source>
        <translation>検出の推移</translation>
    </message>
    <message>
        <source>Top threats (open incidents)</source>
        <translation>上位の脅威（未解決のインシデント）</translation>
    </message>
    <message>
        <source>Most affected VMs (open incidents)</source>
        <translation>影響の大きい仮想マシン（未解決のインシデント）</translation>
    </message>
    <message>
        <source>Click a status, or choose one with the arrow keys and press Enter, to list its VMs.</source>
        <translation>状態をクリックするか、矢印キーで選んで Enter キーを押すと、その仮想マシンの一覧を表示します。</translation>
    </message>
    <message>
        <source>Appliances online:</source>
        <translation>オンラインのアプライアンス:</translation>
    </message>
    <message>
        <source>Scans waiting in the queue:</source>
        <translation>スキャンキューで実行待ち:</translation>
    </message>
    <message>
        <source>Scans running:</source>
        <translation>実行中のスキャン:</translation>
    </message>
    <message>
        <source>Open the list of these incidents.</source>
        <translation>これらのインシデントの一覧を開きます。</translation>
    </message>
    <message>
        <source>Open the scan queue.</source>
        <translation>スキャンキューを開きます。</translation>
    </message>
    <message>
        <source>Open the list of hosts and VMs.</source>
        <translation>ホストと仮想マシンの一覧を開きます。</translation>
    </message>
    <message>
        <source>Whole fleet, %1:</source>
        <translation>全体の%1:</translation>
    </message>
    <message>
        <source>Last 24 hours</source>
        <translation>過去 24 時間</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>過去 7 日間</translation>
    </message>
    <message>
        <source>Detections over</source>
        <translation>検出の期間</translation>
    </message>
    <message>
        <source>Threat</source>
        <translation>脅威</translation>
    </message>
    <message>
        <source>VM</source>
        <translation>仮想マシン</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>件数</translation>
    </message>
    <message>
        <source>Detections by hour or day</source>
        <translation>時間別または日別の検出</translation>
    </message>
</context>
<context>
    <name>mamori::ui::PatternsPage</name>
    <message>
        <source>&amp;Update selected</source>
        <translation>選択したアプライアンスを更新(&amp;U)</translation>
    </message>
    <message>
        <source>Update &amp;all</source>
        <translation>すべて更新(&amp;A)</translation>
    </message>
    <message>
        <source>Appliances at a &amp;time:</source>
        <translation>同時に更新するアプライアンス数(&amp;T):</translation>
    </message>
    <message>
        <source>Pattern updates are staggered: this many appliances update at once, the next one starts when one finishes.</source>
        <translation>パターンファイルの更新は順番に実行されます。ここで指定した台数のアプライアンスが同時に更新され、1 台が完了するたびに次の 1 台の更新が始まります。</translation>
    </message>
    <message>
        <source>&amp;Rollback…</source>
        <translation>ロールバック(&amp;R)…</translation>
    </message>
    <message>
        <source>&amp;Policy…</source>
        <translation>ポリシー(&amp;P)…</translation>
    </message>
    <message>
        <source>%v of %m appliances updated</source>
        <translation>%m 台中 %v 台のアプライアンスを更新済み</translation>
    </message>
    <message>
        <source>update or roll back pattern files</source>
        <translation>パターンファイルの更新またはロールバック</translation>
    </message>
    <message>
        <source>Update every appliance, staggered.</source>
        <translation>すべてのアプライアンスを順番に更新します。</translation>
    </message>
    <message>
        <source>Select one or more appliances first.</source>
        <translation>先にアプライアンスを 1 台以上選択してください。</translation>
    </message>
    <message>
        <source>Update the selected appliances, staggered.</source>
        <translation>選択したアプライアンスを順番に更新します。</translation>
    </message>
    <message>
        <source>Select one appliance to roll back.</source>
        <translation>ロールバックするアプライアンスを 1 台選択してください。</translation>
    </message>
    <message>
        <source>Return to the previous pattern file.</source>
        <translation>1 つ前のパターンファイルに戻します。</translation>
    </message>
    <message numerus="yes">
        <source>Update the pattern file of %n appliance(s), %1 at a time?</source>
        <translation>
            <numerusform>%n 台のアプライアンスのパターンファイルを、%1 台ずつ更新しますか？</numerusform>
        </translation>
    </message>
    <message>
        <source>Waiting for its turn</source>
        <translation>順番待ち</translation>
    </message>
    <message>
        <source>update pattern files</source>
        <translation>パターンファイルの更新</translation>
    </message>
    <message>
        <source>Updating…</source>
        <translation>更新中…</translation>
    </message>
    <message>
        <source>Updated to %1</source>
        <translation>%1 に更新しました</translation>
    </message>
    <message>
        <source>Already up to date</source>
        <translation>既に最新です</translation>
    </message>
    <message>
        <source>Roll %1 back from pattern file %2 to the previous one? The scan cache is emptied and version %2 is not installed again by updates.</source>
        <translation>%1 のパターンファイルを %2 から 1 つ前のバージョンにロールバックしますか？スキャンキャッシュは消去され、以後の更新でバージョン %2 がインストールされることはありません。</translation>
    </message>
    <message>
        <source>Rolled back to %1</source>
        <translation>%1 にロールバックしました</translation>
    </message>
    <message>
        <source>C&amp;heck now</source>
        <translation>今すぐ確認(&amp;H)</translation>
    </message>
    <message>
        <source>Allo&amp;w again…</source>
        <translation>再び許可(&amp;W)…</translation>
    </message>
    <message>
        <source>Select an appliance that holds a pattern file back after a rollback.</source>
        <translation>ロールバック後にパターンファイルを保留しているアプライアンスを選択してください。</translation>
    </message>
    <message>
        <source>Let updates install %1 again.</source>
        <translation>更新で %1 を再びインストールできるようにします。</translation>
    </message>
    <message>
        <source>Ask the update source of the selected appliances (or of all) for its newest pattern file. Nothing is installed.</source>
        <translation>選択したアプライアンス（選択がなければすべて）の更新元に最新のパターンファイルを問い合わせます。インストールは行いません。</translation>
    </message>
    <message>
        <source>Update available: %1</source>
        <translation>更新あり: %1</translation>
    </message>
    <message>
        <source>Nothing installed: %1 is held back after rollback</source>
        <translation>インストールなし: %1 はロールバック後の保留中です</translation>
    </message>
    <message>
        <source>Already up to date (%1)</source>
        <translation>既に最新です（%1）</translation>
    </message>
    <message>
        <source>Allow %1 again on %2? It was rolled back; the next update installs it.</source>
        <translation>%2 で %1 を再び許可しますか? このバージョンはロールバックされています。次の更新でインストールされます。</translation>
    </message>
    <message>
        <source>%1 is allowed again; update to install it.</source>
        <translation>%1 を再び許可しました。インストールするには更新してください。</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>確認中…</translation>
    </message>
</context>
<context>
    <name>mamori::ui::PerformancePage</name>
    <message>
        <source>Host</source>
        <translation>ホスト</translation>
    </message>
    <message>
        <source>Appliance</source>
        <translation>アプライアンス</translation>
    </message>
    <message>
        <source>VM %1</source>
        <translation>仮想マシン %1</translation>
    </message>
    <message>
        <source>%1 cannot be reached: showing the metrics history kept by the console.</source>
        <translation>%1 に接続できません。コンソールに保存されているパフォーマンスデータの履歴を表示しています。</translation>
    </message>
    <message>
        <source>&amp;Appliance:</source>
        <translation>アプライアンス(&amp;A):</translation>
    </message>
    <message>
        <source>&amp;Show:</source>
        <translation>表示対象(&amp;S):</translation>
    </message>
    <message>
        <source>&amp;Window:</source>
        <translation>期間(&amp;W):</translation>
    </message>
    <message>
        <source>Last 5 minutes (live)</source>
        <translation>過去 5 分間（リアルタイム）</translation>
    </message>
    <message>
        <source>Last hour</source>
        <translation>過去 1 時間</translation>
    </message>
    <message>
        <source>Last 24 hours</source>
        <translation>過去 24 時間</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>一時停止(&amp;P)</translation>
    </message>
    <message>
        <source>Hold the charts still; samples keep arriving.</source>
        <translation>グラフの表示を止めます。データの受信は続きます。</translation>
    </message>
    <message>
        <source>Export &amp;CSV…</source>
        <translation>CSV にエクスポート(&amp;C)…</translation>
    </message>
    <message>
        <source>Export P&amp;NG…</source>
        <translation>PNG にエクスポート(&amp;N)…</translation>
    </message>
    <message>
        <source>Export CSV</source>
        <translation>CSV にエクスポート</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV ファイル (*.csv)</translation>
    </message>
    <message>
        <source>Cannot write %1.</source>
        <translation>%1 に書き込めませんでした。</translation>
    </message>
    <message>
        <source>Export PNG</source>
        <translation>PNG にエクスポート</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG 画像 (*.png)</translation>
    </message>
    <message>
        <source>No appliance is connected. Add one with File › Add Appliance.</source>
        <translation>接続されているアプライアンスがありません。［ファイル］›［アプライアンスを追加］で追加してください。</translation>
    </message>
    <message>
        <source>Baseline: lab baseline, captured at start (%1).</source>
        <translation>ベースライン: ラボのベースライン（起動時の %1 に取得）</translation>
    </message>
    <message>
        <source>Baseline: captured at %1.</source>
        <translation>ベースライン: %1 に取得</translation>
    </message>
    <message>
        <source>Baseline: the average of the last 10 minutes without scans.</source>
        <translation>ベースライン: スキャンしていない直近 10 分間の平均</translation>
    </message>
    <message>
        <source>No baseline yet: the appliance needs a minute of samples without scans.</source>
        <translation>ベースラインはまだありません。スキャンしていない 1 分間のサンプルが必要です。</translation>
    </message>
</context>
<context>
    <name>mamori::ui::PolicyDialog</name>
    <message>
        <source>&amp;Scheduled scans</source>
        <translation>スケジュールスキャン(&amp;S)</translation>
    </message>
    <message>
        <source> MB</source>
        <translation> MB</translation>
    </message>
    <message>
        <source> h</source>
        <translation> 時間</translation>
    </message>
    <message>
        <source> days</source>
        <translation> 日</translation>
    </message>
    <message>
        <source>&amp;Apply</source>
        <translation>適用(&amp;A)</translation>
    </message>
    <message>
        <source>Policy of %1</source>
        <translation>%1 のポリシー</translation>
    </message>
    <message>
        <source>Scans running at once on this appliance. One avoids scan storms.</source>
        <translation>このアプライアンスで同時に実行するスキャンの数です。1 にするとスキャンストームを防止できます。</translation>
    </message>
    <message>
        <source>Full scan</source>
        <translation>フルスキャン</translation>
    </message>
    <message>
        <source>Quick scan</source>
        <translation>クイックスキャン</translation>
    </message>
    <message>
        <source>Quarantine</source>
        <translation>隔離</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>削除</translation>
    </message>
    <message>
        <source>None (report only)</source>
        <translation>なし（報告のみ）</translation>
    </message>
    <message>
        <source>One per line: /pagefile.sys, *.vhdx</source>
        <translation>1 行に 1 つ指定: /pagefile.sys、*.vhdx など</translation>
    </message>
    <message>
        <source>Mon</source>
        <translation>月</translation>
    </message>
    <message>
        <source>Tue</source>
        <translation>火</translation>
    </message>
    <message>
        <source>Wed</source>
        <translation>水</translation>
    </message>
    <message>
        <source>Thu</source>
        <translation>木</translation>
    </message>
    <message>
        <source>Fri</source>
        <translation>金</translation>
    </message>
    <message>
        <source>Sat</source>
        <translation>土</translation>
    </message>
    <message>
        <source>Sun</source>
        <translation>日</translation>
    </message>
    <message>
        <source>to</source>
        <translation>～</translation>
    </message>
    <message>
        <source>Scans at &amp;once:</source>
        <translation>同時スキャン数(&amp;O):</translation>
    </message>
    <message>
        <source>Days:</source>
        <translation>曜日:</translation>
    </message>
    <message>
        <source>Window:</source>
        <translation>時間帯:</translation>
    </message>
    <message>
        <source>Scheduled scan &amp;kind:</source>
        <translation>スケジュールスキャンの種類(&amp;K):</translation>
    </message>
    <message>
        <source>Action on &amp;detection:</source>
        <translation>検出時の処理(&amp;D):</translation>
    </message>
    <message>
        <source>&amp;Real-time scan by default:</source>
        <translation>リアルタイムスキャンの既定値(&amp;R):</translation>
    </message>
    <message>
        <source>Largest file to scan:</source>
        <translation>スキャンするファイルの最大サイズ:</translation>
    </message>
    <message>
        <source>Most data per archive:</source>
        <translation>圧縮ファイルあたりの最大データ量:</translation>
    </message>
    <message>
        <source>Deepest archive nesting:</source>
        <translation>圧縮ファイルの最大階層数:</translation>
    </message>
    <message>
        <source>Most files per archive:</source>
        <translation>圧縮ファイルあたりの最大ファイル数:</translation>
    </message>
    <message>
        <source>E&amp;xclusions:</source>
        <translation>スキャン除外(&amp;X):</translation>
    </message>
    <message>
        <source>At risk when the pattern file is older than:</source>
        <translation>パターンファイルがこの期間より古い場合に要対応:</translation>
    </message>
    <message>
        <source>At risk with no full scan for:</source>
        <translation>フルスキャンがこの期間実行されていない場合に要対応:</translation>
    </message>
    <message>
        <source>change the policy</source>
        <translation>ポリシーの変更</translation>
    </message>
    <message>
        <source>Apply to several appliances as well</source>
        <translation>他のアプライアンスにも適用</translation>
    </message>
    <message>
        <source>Check the values and send them to the appliances.</source>
        <translation>値を検証して、アプライアンスに送信します。</translation>
    </message>
    <message>
        <source>Scheduled scans need at least one day.</source>
        <translation>スケジュールスキャンには曜日を 1 つ以上選択してください。</translation>
    </message>
    <message>
        <source>The scan window must not start and end at the same time.</source>
        <translation>スキャンの時間帯の開始時刻と終了時刻には、異なる時刻を指定してください。</translation>
    </message>
    <message>
        <source>The most data per archive must be at least the largest file to scan.</source>
        <translation>圧縮ファイルあたりの最大データ量には、スキャンするファイルの最大サイズ以上の値を指定してください。</translation>
    </message>
    <message>
        <source>The exclusion “%1” may not contain “..”.</source>
        <translation>スキャン除外「%1」に「..」は使用できません。</translation>
    </message>
    <message numerus="yes">
        <source>Apply this policy to %n appliance(s)? Their own settings for these values are replaced.</source>
        <translation>
            <numerusform>このポリシーを %n 台のアプライアンスに適用しますか？これらの項目について各アプライアンスで設定されている値は置き換えられます。</numerusform>
        </translation>
    </message>
    <message>
        <source>Applying…</source>
        <translation>適用中…</translation>
    </message>
    <message>
        <source>%1: applied.</source>
        <translation>%1: 適用しました。</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>This is the policy as it is; only a security administrator can change it.</source>
        <translation>現在のポリシーを表示しています。変更できるのはセキュリティ管理者だけです。</translation>
    </message>
</context>
<context>
    <name>mamori::ui::ReportDialog</name>
    <message>
        <source>Save report</source>
        <translation>レポートの保存</translation>
    </message>
    <message>
        <source>PDF documents (*.pdf)</source>
        <translation>PDF ドキュメント (*.pdf)</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV ファイル (*.csv)</translation>
    </message>
    <message>
        <source>Choose a file to write the report to.</source>
        <translation>レポートの保存先ファイルを選択してください。</translation>
    </message>
    <message>
        <source>The report was written to %1.</source>
        <translation>レポートを %1 に保存しました。</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>レポート</translation>
    </message>
    <message>
        <source>Period &amp;from:</source>
        <translation>期間の開始日(&amp;F):</translation>
    </message>
    <message>
        <source>&amp;to:</source>
        <translation>終了日(&amp;T):</translation>
    </message>
    <message>
        <source>F&amp;ormat:</source>
        <translation>形式(&amp;O):</translation>
    </message>
    <message>
        <source>F&amp;ile:</source>
        <translation>ファイル(&amp;I):</translation>
    </message>
    <message>
        <source>PDF document</source>
        <translation>PDF ドキュメント</translation>
    </message>
    <message>
        <source>CSV (spreadsheet)</source>
        <translation>CSV（スプレッドシート）</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>参照(&amp;B)…</translation>
    </message>
    <message>
        <source>&amp;Write report</source>
        <translation>レポートを作成(&amp;W)</translation>
    </message>
    <message>
        <source>No program to open %1 was found.</source>
        <translation>%1 を開くプログラムが見つかりませんでした。</translation>
    </message>
    <message>
        <source>%1 is a folder: add a file name.</source>
        <translation>%1 はフォルダーです。ファイル名を指定してください。</translation>
    </message>
    <message>
        <source>%1 already exists. Replace it with this report?</source>
        <translation>%1 は既に存在します。このレポートで置き換えますか？</translation>
    </message>
    <message>
        <source>Nothing was written: %1 is kept as it was.</source>
        <translation>書き込みませんでした。%1 は変更されていません。</translation>
    </message>
    <message>
        <source>&amp;Open Report</source>
        <translation>レポートを開く(&amp;O)</translation>
    </message>
</context>
<context>
    <name>mamori::ui::ReportWriter</name>
    <message>
        <source>Host</source>
        <translation>ホスト</translation>
    </message>
    <message>
        <source>VM</source>
        <translation>VM</translation>
    </message>
    <message>
        <source>Protection status</source>
        <translation>保護状態</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>理由</translation>
    </message>
    <message>
        <source>Pattern file</source>
        <translation>パターンファイル</translation>
    </message>
    <message>
        <source>Last scan</source>
        <translation>最終スキャン</translation>
    </message>
    <message>
        <source>Open incidents</source>
        <translation>未解決のインシデント</translation>
    </message>
    <message>
        <source>Incident</source>
        <translation>インシデント</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>重大度</translation>
    </message>
    <message>
        <source>First seen</source>
        <translation>初回検出</translation>
    </message>
    <message>
        <source>Threat</source>
        <translation>脅威</translation>
    </message>
    <message>
        <source>File</source>
        <translation>ファイル</translation>
    </message>
    <message>
        <source>Action taken</source>
        <translation>実行した処理</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状態</translation>
    </message>
    <message>
        <source>Assignee</source>
        <translation>担当者</translation>
    </message>
    <message>
        <source>Section</source>
        <translation>セクション</translation>
    </message>
    <message>
        <source>The report could not be written to %1: %2</source>
        <translation>レポートを %1 に書き込めませんでした: %2</translation>
    </message>
    <message>
        <source>Mamori report</source>
        <translation>Mamori レポート</translation>
    </message>
    <message>
        <source>Written %1</source>
        <translation>作成日時: %1</translation>
    </message>
    <message>
        <source>Protection status of the fleet</source>
        <translation>全ホストの保護状態</translation>
    </message>
    <message>
        <source>Incidents from %1 to %2</source>
        <translation>インシデント（%1 ～ %2）</translation>
    </message>
    <message>
        <source>The report could not be written to %1.</source>
        <translation>レポートを %1 に書き込めませんでした。</translation>
    </message>
    <message>
        <source>Metric</source>
        <translation>指標</translation>
    </message>
    <message>
        <source>Average</source>
        <translation>平均</translation>
    </message>
    <message>
        <source>Peak</source>
        <translation>最大</translation>
    </message>
    <message>
        <source>Baseline</source>
        <translation>ベースライン</translation>
    </message>
    <message>
        <source>Average (% of baseline)</source>
        <translation>平均（ベースライン比）</translation>
    </message>
    <message>
        <source>Samples</source>
        <translation>サンプル数</translation>
    </message>
    <message>
        <source>no samples</source>
        <translation>サンプルなし</translation>
    </message>
    <message>
        <source>no baseline yet</source>
        <translation>ベースライン未作成</translation>
    </message>
    <message>
        <source>No appliances in the fleet.</source>
        <translation>管理対象のアプライアンスがありません。</translation>
    </message>
    <message>
        <source>Average use in the period as % of the no-scan baseline</source>
        <translation>期間中の平均使用量（スキャンなしのベースライン比）</translation>
    </message>
    <message>
        <source>Resource use</source>
        <translation>リソース使用量</translation>
    </message>
    <message>
        <source>Resource use against the baseline</source>
        <translation>ベースラインと比較したリソース使用量</translation>
    </message>
</context>
<context>
    <name>mamori::ui::ScansPage</name>
    <message>
        <source>S&amp;tart scan…</source>
        <translation>スキャンを開始(&amp;T)…</translation>
    </message>
    <message>
        <source>&amp;Cancel scan</source>
        <translation>スキャンをキャンセル(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Policy…</source>
        <translation>ポリシー(&amp;P)…</translation>
    </message>
    <message>
        <source>Each appliance scans at most as many VMs at once as its policy allows (normally one): the others wait in the scan queue in the order shown.</source>
        <translation>各アプライアンスが同時にスキャンする仮想マシンの数は、ポリシーで許可された数（通常は 1 台）までです。その他の仮想マシンは、表示されている順にスキャンキューで実行を待ちます。</translation>
    </message>
    <message>
        <source>Scan the selected VMs, a host or the whole fleet.</source>
        <translation>選択した仮想マシン、選択したホスト、またはすべてのホストの仮想マシンをスキャンします。</translation>
    </message>
    <message>
        <source>start scans</source>
        <translation>スキャンの開始</translation>
    </message>
    <message>
        <source>View or change the scan policy of an appliance.</source>
        <translation>アプライアンスのスキャンポリシーを表示または変更します。</translation>
    </message>
    <message>
        <source>Select a running or waiting scan to cancel it.</source>
        <translation>キャンセルする実行中または実行待ちのスキャンを選択してください。</translation>
    </message>
    <message>
        <source>cancel scans</source>
        <translation>スキャンのキャンセル</translation>
    </message>
    <message>
        <source>Cancel the selected scan.</source>
        <translation>選択したスキャンをキャンセルします。</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n scan(s) queued.</source>
        <translation>
            <numerusform>%1: %n 件のスキャンをスキャンキューに追加しました。</numerusform>
        </translation>
    </message>
    <message>
        <source>Cancel the scan of %1 on %2?</source>
        <translation>%2 上の %1 のスキャンをキャンセルしますか？</translation>
    </message>
    <message>
        <source>%1: the scan of %2 was cancelled.</source>
        <translation>%1: %2 のスキャンをキャンセルしました。</translation>
    </message>
    <message>
        <source>Select VMs or a host on the Hosts and VMs page first.</source>
        <translation>先に［ホストと仮想マシン］ページで仮想マシンまたはホストを選択してください。</translation>
    </message>
    <message>
        <source>No appliance is connected.</source>
        <translation>接続しているアプライアンスがありません。</translation>
    </message>
    <message>
        <source>Run &amp;now</source>
        <translation>今すぐ実行(&amp;N)</translation>
    </message>
    <message>
        <source>Select a waiting or held-back manual scan to start it now.</source>
        <translation>今すぐ開始するには、実行待ちまたは保留中の手動スキャンを選択してください。</translation>
    </message>
    <message>
        <source>Start this scan now, even while the host is busy or another scan runs. The appliance records who did it.</source>
        <translation>ホストの負荷が高いときや別のスキャンの実行中でも、このスキャンを今すぐ開始します。実行した人はアプライアンスに記録されます。</translation>
    </message>
    <message>
        <source>%1: the scan of %2 runs now.</source>
        <translation>%1: %2 のスキャンを今すぐ実行します。</translation>
    </message>
</context>
<context>
    <name>mamori::ui::StartScanDialog</name>
    <message>
        <source>Start scan</source>
        <translation>スキャンの開始</translation>
    </message>
    <message>
        <source>Paths inside the VM, separated by ;</source>
        <translation>仮想マシン内のパス（; で区切る）</translation>
    </message>
    <message>
        <source>Host / VM</source>
        <translation>ホスト／仮想マシン</translation>
    </message>
    <message>
        <source>Protection status</source>
        <translation>保護状態</translation>
    </message>
    <message>
        <source>start scans</source>
        <translation>スキャンの開始</translation>
    </message>
    <message>
        <source>Tick &amp;all</source>
        <translation>すべて選択(&amp;A)</translation>
    </message>
    <message>
        <source>Tick &amp;none</source>
        <translation>選択をすべて解除(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>種類(&amp;K):</translation>
    </message>
    <message>
        <source>&amp;Paths:</source>
        <translation>パス(&amp;P):</translation>
    </message>
    <message>
        <source>&amp;VMs to scan:</source>
        <translation>スキャンする仮想マシン(&amp;V):</translation>
    </message>
    <message numerus="yes">
        <source>%n VM(s) ticked.</source>
        <translation>
            <numerusform>%n 台の仮想マシンを選択しています。</numerusform>
        </translation>
    </message>
    <message>
        <source>Tick at least one VM.</source>
        <translation>仮想マシンを 1 台以上選択してください。</translation>
    </message>
    <message>
        <source>A custom scan needs at least one path.</source>
        <translation>カスタムスキャンにはパスが 1 つ以上必要です。</translation>
    </message>
    <message>
        <source>“%1” is not an absolute path inside the VM.</source>
        <translation>「%1」は仮想マシン内の絶対パスではありません。</translation>
    </message>
</context>
<context>
    <name>mamori::ui::VmPage</name>
    <message>
        <source>Working…</source>
        <translation>処理中…</translation>
    </message>
    <message>
        <source>VM – Mamori</source>
        <translation>仮想マシン – Mamori</translation>
    </message>
    <message>
        <source>The appliance no longer lists this VM.</source>
        <translation>アプライアンスの一覧にこの仮想マシンがなくなりました。</translation>
    </message>
    <message>
        <source>%1 on %2 – Mamori</source>
        <translation>%1（%2）– Mamori</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>ホスト</translation>
    </message>
    <message>
        <source>Power</source>
        <translation>電源</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>ネットワーク</translation>
    </message>
    <message>
        <source>Isolated (links down)</source>
        <translation>分離中（リンク切断）</translation>
    </message>
    <message>
        <source>Connected</source>
        <translation>接続</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>種類</translation>
    </message>
    <message>
        <source>Real-time scanning</source>
        <translation>リアルタイムスキャン</translation>
    </message>
    <message>
        <source>Last scan</source>
        <translation>最終スキャン</translation>
    </message>
    <message>
        <source>Last full scan</source>
        <translation>最終フルスキャン</translation>
    </message>
    <message>
        <source>Threats found</source>
        <translation>脅威を検出</translation>
    </message>
    <message>
        <source>Nothing found</source>
        <translation>検出なし</translation>
    </message>
    <message>
        <source>&amp;Open in Incidents</source>
        <translation>インシデントページで開く(&amp;O)</translation>
    </message>
    <message>
        <source>The Incidents page with this VM&apos;s incidents and their actions.</source>
        <translation>この仮想マシンのインシデントとその操作を、インシデントページに表示します。</translation>
    </message>
    <message>
        <source>&amp;Performance</source>
        <translation>パフォーマンス(&amp;P)</translation>
    </message>
    <message>
        <source>Incidents</source>
        <translation>インシデント</translation>
    </message>
    <message>
        <source>Recent scans</source>
        <translation>最近のスキャン</translation>
    </message>
    <message>
        <source>Performance against baseline</source>
        <translation>ベースラインとの比較</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状態</translation>
    </message>
    <message>
        <source>Queued</source>
        <translation>登録日時</translation>
    </message>
    <message>
        <source>Ended</source>
        <translation>終了日時</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>結果</translation>
    </message>
    <message>
        <source>VM</source>
        <translation>仮想マシン</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>未実行</translation>
    </message>
</context>
<context>
    <name>mamori::ui::WelcomePanel</name>
    <message>
        <source>Add your first appliance</source>
        <translation>最初のアプライアンスを追加してください</translation>
    </message>
    <message>
        <source>Mamori watches the security appliance on each hypervisor host. Add one, and its virtual machines, scans, pattern files and incidents appear here.

You need the appliance&apos;s address, its certificate fingerprint (it prints it when it starts, and mamori-appliance fingerprint shows it on the host) and an account made there with mamori-appliance user add.</source>
        <translation>Mamori は、各ハイパーバイザホストのセキュリティ・アプライアンスを監視します。アプライアンスを追加すると、その仮想マシン、スキャン、パターンファイル、インシデントがここに表示されます。

追加には、アプライアンスのアドレス、証明書のフィンガープリント（アプライアンスが起動時に表示します。ホストで mamori-appliance fingerprint を実行しても確認できます）、そのアプライアンスで mamori-appliance user add により作成したアカウントが必要です。</translation>
    </message>
    <message>
        <source>&amp;Add Appliance…</source>
        <translation>アプライアンスを追加(&amp;A)…</translation>
    </message>
    <message>
        <source>Read the Administrator&apos;s &amp;Guide</source>
        <translation>管理者ガイドを読む(&amp;G)</translation>
    </message>
</context>
<context>
    <name>mamori::widgets::MetricChart</name>
    <message>
        <source>No data</source>
        <translation>データなし</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <comment>current value · percent of baseline</comment>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>%1% of baseline</source>
        <translation>ベースライン比 %1%</translation>
    </message>
    <message>
        <source>%1 (paused)</source>
        <translation>%1（一時停止中）</translation>
    </message>
    <message>
        <source>Baseline</source>
        <translation>ベースライン</translation>
    </message>
    <message>
        <source>Scan running</source>
        <translation>スキャン実行中</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <source>Memory</source>
        <translation>メモリ</translation>
    </message>
    <message>
        <source>Disk read</source>
        <translation>ディスク読み取り</translation>
    </message>
    <message>
        <source>Disk write</source>
        <translation>ディスク書き込み</translation>
    </message>
    <message>
        <source>%1%</source>
        <comment>percent</comment>
        <translation>%1%</translation>
    </message>
    <message>
        <source>%1/s</source>
        <comment>bytes per second</comment>
        <translation>%1/秒</translation>
    </message>
</context>
<context>
    <name>mamori::widgets::StatusChart</name>
    <message numerus="yes">
        <source>%1: %n VM(s) (%2 of all)</source>
        <translation>
            <numerusform>%1: %n 台（全体の %2）</numerusform>
        </translation>
    </message>
    <message>
        <source>VMs</source>
        <translation>台</translation>
    </message>
    <message>
        <source>Click to list these VMs.</source>
        <translation>クリックすると、これらの仮想マシンの一覧を表示します。</translation>
    </message>
</context>
<context>
    <name>mamori::widgets::TrendChart</name>
    <message numerus="yes">
        <source>%1: %n detection(s)</source>
        <translation>
            <numerusform>%1: 検出 %n 件</numerusform>
        </translation>
    </message>
    <message>
        <source>Click to list these incidents.</source>
        <translation>クリックすると、これらのインシデントの一覧を表示します。</translation>
    </message>
</context>
</TS>

<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>AddApplianceDialog</name>
    <message>
        <source>Add Appliance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the address of the host appliance and an account on it. The appliance&apos;s administrator created the account with “mamori-appliance user add”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Address:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>192.0.2.10:8443</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Display &amp;name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Optional; the host name is used otherwise</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;User:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Remember the password in the system keyring</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compare this certificate fingerprint with the one the appliance printed when it started (or run “mamori-appliance fingerprint” on the host). Trust it only if every character matches.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
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
    <message>
        <source>Connect to the lab host in this folder (made by mamori-appliance lab); may be repeated. For trying Mamori out only: it trusts the lab&apos;s files.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConsoleStore</name>
    <message>
        <source>The console database could not be used: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No folder was given for the console&apos;s data.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot create the folder %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The console database %1 was created by a newer version of Mamori (schema %2; this version knows up to %3). It was left unchanged; use the newer version or another data folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot create the console database %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot make the console database %1 private.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open the console database %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a console database, or it is damaged: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot set up the console database: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The console database was created by a newer version of Mamori.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot update the console database: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot update the console database to schema %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The address %1 is not valid: it must look like https://host:port.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An appliance with the address %1 is already in the list.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No such appliance.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The console database is not open.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DetailRows</name>
    <message>
        <source>Files on the host</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disk %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Golden image</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LabSetup</name>
    <message>
        <source>%1 is not a running lab host (start it with mamori-appliance lab --dir %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 holds an incomplete lab host.</source>
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
    <message>
        <source>Pages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add Appliance…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Remove Appliance…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follow the &amp;System</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MetricsArchive</name>
    <message>
        <source>Cannot create the folder %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot make %1 private.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot set up %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read the schema version: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 was written by a newer console (schema %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot create the metrics history: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The metrics history is not open.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot store metrics: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>VmActions</name>
    <message>
        <source>&amp;Scan now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Isolate VM…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Release VM</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The VM&apos;s appliance is not connected.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The appliance no longer lists this VM.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>start scans</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>isolate or release VMs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A scan of this VM is already running or waiting.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The VM is already isolated.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Isolation is recorded on an incident, and this VM has none.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The VM is not isolated.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Release is recorded on an incident, and this VM has none.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A full scan of %1 is queued.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cut VM %1 off the network? Its network links stay down until you release it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is isolated from the network.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is back on the network.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>mamori::console::ActionLogModel</name>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Appliance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Target</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>mamori::console::AlertModel</name>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Appliance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alert</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Details</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>mamori::console::AlertText</name>
    <message>
        <source>Appliance started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Appliance trouble</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>VM added</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>VM removed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>VM power changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>VM changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>VM isolation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scan queued</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scan started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scan progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scan paused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scan resumed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scan finished</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scan cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scan failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File not fully scanned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scan load governor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New incident</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Incident updated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pattern file changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pattern file refused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pattern file update waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Policy changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>VM inventory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Real-time scanning of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has a problem. The appliance reports: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pattern file %1 was refused and not installed. The appliance reports: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Pattern file %1 has been available for %n hour(s) and is not installed yet.</source>
        <translation type="unfinished">
            <numerusform>Pattern file %1 has been available for %n hour and is not installed yet.</numerusform>
            <numerusform>Pattern file %1 has been available for %n hours and is not installed yet.</numerusform>
        </translation>
    </message>
    <message>
        <source>a size or depth limit was reached</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the archive is encrypted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 in %2 could not be fully scanned: %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 was isolated from the network.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 was released from isolation.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 found in %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Appliance answers incomplete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Appliance answers complete again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Its VMs are shown as unknown until it is read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The appliance is shown as degraded until it is read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Everything the console reads from the appliance is answered again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Incident reopened</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 found again in %2 after it was restored: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contact lost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contact restored</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The appliance cannot be reached (%1). Its figures are shown greyed, as of the last contact; the console keeps trying.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The appliance answers again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>mamori::console::ApiError</name>
    <message>
        <source>the appliance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The address of the appliance %1 could not be found. Check the address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The connection to the appliance at %1 was lost. Check that it is running and that the network is working; the console will try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The appliance at %1 refused the connection. Check that it is running and that the address and port are right.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The appliance at %1 did not answer in time. Check that it is running and that the network is working, then try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The certificate of the appliance at %1 is not trusted yet. Compare its certificate fingerprint with the one the appliance shows, then trust it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No secure connection could be made to the appliance at %1. Check that the address and port belong to a Mamori appliance.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The appliance at %1 presented a certificate other than the one you trusted. The console will not connect to it. If the appliance was reinstalled, compare the new certificate fingerprint with the one the appliance shows and trust it again; otherwise someone may be intercepting the connection.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The appliance at %1 sent an answer that is too large. Check that the address belongs to a Mamori appliance.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The appliance at %1 sent an answer the console does not understand. Check that the address belongs to a Mamori appliance of a supported version.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No password was entered, so the console did not sign in to the appliance at %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request was cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The appliance did not accept the request as the console sent it. This is a fault in the console; please report it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The appliance did not accept a value in the request. Check what you entered and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The path is outside the virtual machine&apos;s files. Choose a path inside the virtual machine.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You are not signed in to the appliance at %1, or your session was ended. Sign in again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your session on the appliance at %1 has expired. Sign in again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The user name or password is wrong. Check both and sign in again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Too many failed sign-ins. Try again in %n minute(s).</source>
        <translation>
            <numerusform>Too many failed sign-ins. Try again in %n minute.</numerusform>
            <numerusform>Too many failed sign-ins. Try again in %n minutes.</numerusform>
        </translation>
    </message>
    <message>
        <source>Your role on this appliance may not do this.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The item was not found on the appliance. It may have been removed; refresh and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The appliance at %1 does not support this action. Its version may be older than the console&apos;s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This cannot be done now because of the item&apos;s current state. Refresh and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request is too large for the appliance. Send less at once.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A service the appliance at %1 needs (the scan engine or the update source) is not available. Try again later; the appliance&apos;s log has the details.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The appliance at %1 had an internal error. Try again; if it happens again, check the appliance&apos;s log.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The appliance at %1 answered with an error (HTTP %2). Try again later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The appliance at %1 refused the request (HTTP %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file&apos;s folder in the virtual machine has been replaced by a link or removed, so the appliance did not touch it. A quarantined file stays in quarantine; check the virtual machine and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The appliance at %1 is busy with too many requests of this kind. Try again in a few seconds.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file is inside the virtual machine&apos;s disk image, which the appliance only reads: it cannot be quarantined, deleted or restored from outside. Isolate the virtual machine from the network instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The appliance at %1 has no space left in its data folder, so it changed nothing. Free space on the appliance and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The appliance at %1 cannot write to its data folder (it is read-only), so it changed nothing. Check the appliance&apos;s storage and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The appliance at %1 could not reach its storage, so it changed nothing. Try again; if it happens again, check the appliance&apos;s log.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The incident is resolved, so it can no longer be acknowledged or assigned. The file and VM actions still work on it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The incident is already acknowledged. Assign or resolve it instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The incident is already resolved; nothing was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file is already in quarantine. Delete it for good, or restore it if it is safe.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file is not in quarantine, so there is nothing to restore.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file was deleted for good; no file action is possible any more. Resolve the incident.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file is allowed: it is trusted on every VM. No other file action applies to it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The VM is already isolated from the network.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The VM is not isolated from the network, so there is nothing to release.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file is no longer where it was found in the VM (it was moved or removed), so the appliance did not touch anything. Scan the VM again to find it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file in the VM has changed since it was detected, so the appliance did not touch it. Scan the VM again; a new detection opens its own incident.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Another file now has the original&apos;s name in the VM, so the file stays in quarantine. Move that file away in the VM and restore again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>mamori::console::AuditModel</name>
    <message>
        <source>No.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Target</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Detail</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>mamori::console::AuditText</name>
    <message>
        <source>Start scans</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel a scan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Update the pattern file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Roll back the pattern file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change the policy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Act on an incident</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read incidents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read an incident</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read the audit log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Capture the performance baseline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Account locked after failed logins</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Login refused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run a held-back scan now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import a pattern file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Install a pattern file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add the appliance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove the appliance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trust the new certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quarantine the file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore the file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Allow the file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Isolate the VM from the network</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Release the VM from isolation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Acknowledge the incident</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Assign the incident</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resolve the incident</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reload the configuration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore the database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Renew the certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trim the audit log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trim the event log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Another request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>every VM</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Succeeded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refused: not allowed for the role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the appliance itself</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>mamori::console::Fleet</name>
    <message>
        <source>Appliances speak HTTPS only: use https:// or just the address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” is not an appliance address. Enter a host name or IP address, optionally with a port, such as 192.0.2.10:8443.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>mamori::console::FleetModel</name>
    <message>
        <source>Last contact %1 (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The appliance of %1 has not been reached yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The appliance of %1 cannot be reached; last contact %2 (%3).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Moved from %1 at %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n virtual machine(s)</source>
        <translation>
            <numerusform>%n virtual machine</numerusform>
            <numerusform>%n virtual machines</numerusform>
        </translation>
    </message>
    <message>
        <source>Pattern file: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last known state: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Power</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Protection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pattern version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last scan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open incidents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown (not read)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Degraded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>mamori::console::HostTrouble</name>
    <message>
        <source>the appliance information</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the VM list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the pattern file status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the scan queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the incidents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the policy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The VM list has not been read yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The protection of this host&apos;s VMs is unknown until the VM list is read.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>mamori::console::IncidentModel</name>
    <message>
        <source>Severity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Host</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>VM</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Threat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action taken</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Assignee</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>mamori::console::PatternModel</name>
    <message>
        <source>None</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outdated: no pattern file installed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outdated: a newer pattern file is available</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Up to date as far as known; the update source failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Up to date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Host</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Active pattern</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Newest at the source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Available since</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Held back after rollback: %1 is not installed until you allow it again</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>mamori::console::ScanFollow</name>
    <message>
        <source>less than a minute left</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>about %n minute(s) left</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>about %1 h %2 min left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of about %2 files (%3 %)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, almost done, %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, %2, %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scan of %1 on %2 finished: threats found (%3 files). See Incidents.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scan of %1 on %2 finished: clean (%3 files).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scan of %1 on %2 was cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scan of %1 on %2 failed: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CPU %1 % against a threshold of %2 %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>disk I/O %1/s against a threshold of %2/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Held back: the host is busy compared with its baseline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Held back: the host is busy (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>; </source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>mamori::console::ScanJobModel</name>
    <message>
        <source>Recent scans</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scans held back: the host is busy compared with its baseline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Idle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 running, %2 waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>▶ Now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paused by the governor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paused by the governor (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finished: threats found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finished: clean</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Host / position</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>VM</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scan cache hits / misses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Current file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting, number %1 in the queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1; number %2 in the queue</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>mamori::console::StatusText</name>
    <message>
        <source>Protected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scanning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown (unreachable)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At risk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unprotected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Infected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shut off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown</source>
        <comment>power state</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No pattern file is installed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Real-time scanning is off.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The VM&apos;s files cannot be read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A full scan is overdue.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The pattern file is out of date.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An incident is open.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The VM has never had a full scan.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A scan is running.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The last full scan used an older pattern file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Low</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Medium</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>High</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Critical</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown</source>
        <comment>severity</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Acknowledged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown</source>
        <comment>incident state</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quarantined</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restored</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Allowed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown</source>
        <comment>file action</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finished</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown</source>
        <comment>scan state</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Full scan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quick scan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Custom scan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown</source>
        <comment>scan kind</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On</source>
        <comment>real-time scanning</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Off</source>
        <comment>real-time scanning</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On, blocking infected files</source>
        <comment>real-time scanning</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown</source>
        <comment>real-time scanning</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Real-time scanning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scan %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not signed in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>security administrator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>virtualization administrator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>auditor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your role on this appliance (%1) may not %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Running</source>
        <comment>power state</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The VM&apos;s disks cannot be read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A file system on the VM&apos;s disks cannot be scanned.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Image VM (disks read from outside)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Directory VM (files on the host)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown</source>
        <comment>VM kind</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not available for image VMs</source>
        <comment>real-time scanning</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>just now</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n minute(s) ago</source>
        <translation type="unfinished">
            <numerusform>%n minute ago</numerusform>
            <numerusform>%n minutes ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n hour(s) ago</source>
        <translation type="unfinished">
            <numerusform>%n hour ago</numerusform>
            <numerusform>%n hours ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n day(s) ago</source>
        <translation type="unfinished">
            <numerusform>%n day ago</numerusform>
            <numerusform>%n days ago</numerusform>
        </translation>
    </message>
    <message>
        <source>never read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>as of %1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>mamori::ui::AddApplianceDialog</name>
    <message>
        <source>&amp;Connect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The fingerprints &amp;match: trust</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>They &amp;differ: cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The appliance presented no certificate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SHA-256: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subject: %1
Valid from %2 to %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed in. The appliance is pinned to this certificate; if it ever presents another one, the console will stop and warn you.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The appliance was added, but signing in failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>mamori::ui::AuditPage</name>
    <message numerus="yes">
        <source>Chain intact (%n record(s))</source>
        <translation type="unfinished">
            <numerusform>Chain intact (%n record)</numerusform>
            <numerusform>Chain intact (%n records)</numerusform>
        </translation>
    </message>
    <message>
        <source>Fetch the whole audit log of the chosen appliance and check its hash chain.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search the audit log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Appliance audit log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>My actions in this console</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>read the audit log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading the audit log of %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chain broken at record %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose an appliance and load its audit log to check its hash chain.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Records are missing: record %1, which the console verified earlier, is no longer in this audit log. Records were removed or rewritten on the appliance.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Reload</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>mamori::ui::BaselineTable</name>
    <message>
        <source>no baseline yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 now, baseline %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 now</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>mamori::ui::FleetPage</name>
    <message>
        <source>Search by name…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Protection status filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p&gt;Select a host or a virtual machine to see its details.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed in as</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not signed in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Appliance version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Engine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pattern file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Virtual machines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificate fingerprint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Protection status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Host</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>VM id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Power</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Real-time scanning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last scan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open incidents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Moved from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open VM page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reconnect now</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>mamori::ui::HelpWindow</name>
    <message>
        <source>Administrator&apos;s Guide</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>mamori::ui::IncidentsPage</name>
    <message>
        <source>&amp;Quarantine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rest&amp;ore…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A&amp;llow…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Isolate VM…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ac&amp;knowledge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Assi&amp;gn…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resol&amp;ve</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search incidents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open incidents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All states</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All severities</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Report…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write a report of the fleet&apos;s protection status and incidents.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>act on incidents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select one or more incidents first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This action applies to one incident at a time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Apply to the %n selected incident(s).</source>
        <translation>
            <numerusform>Apply to the %n selected incident.</numerusform>
            <numerusform>Apply to the %n selected incidents.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n incident(s) selected.</source>
        <translation>
            <numerusform>%n incident selected.</numerusform>
            <numerusform>%n incidents selected.</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Note:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Assignee:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the user name of the assignee.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete %1 from VM %2 for good?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trust %1 on every VM from now on? It is restored if it is quarantined. (VM %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore %1, detected as a threat, to VM %2?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cut VM %2 off the network? (incident file %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Working…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2): done.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2): %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select an incident to see its whole record and history.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Severity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Threat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Host</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>VM</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SHA-256</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Found by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First seen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last seen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Detections</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action taken</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Assignee</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>History</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Release V&amp;M</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is inside the disk image of VM %2, which the appliance only reads. Cut VM %2 off the network instead?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2): the VM is isolated.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open VM page</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Apply to %1 of the %n selected incident(s); it does not apply to the others in their state.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Show incidents of any time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First detected on %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First detected %1–%2</source>
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
    <message>
        <source>Overview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hosts and VMs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Performance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scans</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pattern Files</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Incidents (%n new)</source>
        <translation>
            <numerusform>Incidents (%n new)</numerusform>
            <numerusform>Incidents (%n new)</numerusform>
        </translation>
    </message>
    <message>
        <source>Incidents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audit Log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No appliances yet: add one with File › Add Appliance.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n appliance(s) online</source>
        <translation>
            <numerusform>%1 of %n appliance online</numerusform>
            <numerusform>%1 of %n appliances online</numerusform>
        </translation>
    </message>
    <message>
        <source>Remove Appliance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove %1 from this console? The appliance keeps running and protecting its virtual machines; only this console stops watching it, and its saved password is removed from the keyring.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign In to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password of %1 on %2:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificate Changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 presented a different certificate than the one you trusted. The console has stopped talking to it: someone may be impersonating the appliance, or it was reinstalled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trusted: %1
Presented: %2

Compare the presented fingerprint with the output of “mamori-appliance fingerprint” on the host before you trust it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Trust the New Certificate…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep &amp;Blocked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trust the New Certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trust this certificate for %1?

SHA-256: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 found in %2 on %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New Incident</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No keyring answers: the console asks again next time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 now presents yet another certificate (%2), not the one you compared (%3). Nothing was trusted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Remember the password in the system keyring</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Administrator&apos;s &amp;Guide</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scan ended</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading again from every appliance…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 (%3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: not signed in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Incidents (not for your role)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audit Log (not for your role)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>see incidents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>read the audit log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Main Toolbar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Actions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read the current page again from every appliance (F5)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;connect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect again now to the selected appliance, or to every one out of reach</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start &amp;Scan…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Update Patterns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Report…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add Appliance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start Scan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Update Patterns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reconnect</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>mamori::ui::OverviewPage</name>
    <message>
        <source>Not known yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No pattern file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outdated: the newest is %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Up to date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no baseline yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(%1 now, baseline %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Protection status of VMs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open incidents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pattern files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline or not signed in:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open (severity not shown to your role):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Appliance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Active pattern file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Host</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No host has reported metrics yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hosts furthest above baseline (by CPU)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n detection(s) in the last 7 days</source>
        <translation>
            <numerusform>%n detection in the last 7 days</numerusform>
            <numerusform>%n detections in the last 7 days</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n detection(s) in the last 24 hours</source>
        <translation>
            <numerusform>%n detection in the last 24 hours</numerusform>
            <numerusform>%n detections in the last 24 hours</numerusform>
        </translation>
    </message>
    <message>
        <source>Open the list of incidents.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the incidents of this threat.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the incidents of this VM.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the performance of this host.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recent alerts (double-click one about a VM to open it)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Appliances and scans</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Detections over time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Top threats (open incidents)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Most affected VMs (open incidents)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Click a status, or choose one with the arrow keys and press Enter, to list its VMs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Appliances online:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scans waiting in the queue:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scans running:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the list of these incidents.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the scan queue.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the list of hosts and VMs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Whole fleet, %1:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 24 hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Detections over</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Threat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>VM</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Count</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Detections by hour or day</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>mamori::ui::PatternsPage</name>
    <message>
        <source>&amp;Update selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Update &amp;all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Appliances at a &amp;time:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pattern updates are staggered: this many appliances update at once, the next one starts when one finishes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Rollback…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Policy…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%v of %m appliances updated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>update or roll back pattern files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Update every appliance, staggered.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select one or more appliances first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Update the selected appliances, staggered.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select one appliance to roll back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Return to the previous pattern file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Update the pattern file of %n appliance(s), %1 at a time?</source>
        <translation>
            <numerusform>Update the pattern file of %n appliance, %1 at a time?</numerusform>
            <numerusform>Update the pattern files of %n appliances, %1 at a time?</numerusform>
        </translation>
    </message>
    <message>
        <source>Waiting for its turn</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>update pattern files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Updating…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Updated to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Already up to date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Roll %1 back from pattern file %2 to the previous one? The scan cache is emptied and version %2 is not installed again by updates.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rolled back to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;heck now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Allo&amp;w again…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select an appliance that holds a pattern file back after a rollback.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Let updates install %1 again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask the update source of the selected appliances (or of all) for its newest pattern file. Nothing is installed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Update available: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing installed: %1 is held back after rollback</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Already up to date (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Allow %1 again on %2? It was rolled back; the next update installs it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is allowed again; update to install it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>mamori::ui::PerformancePage</name>
    <message>
        <source>Host</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Appliance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>VM %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 cannot be reached: showing the metrics history kept by the console.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Appliance:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Show:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Window:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 5 minutes (live)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last hour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 24 hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hold the charts still; samples keep arriving.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export &amp;CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export P&amp;NG…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export PNG</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No appliance is connected. Add one with File › Add Appliance.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Baseline: lab baseline, captured at start (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Baseline: captured at %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Baseline: the average of the last 10 minutes without scans.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No baseline yet: the appliance needs a minute of samples without scans.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>mamori::ui::PolicyDialog</name>
    <message>
        <source>&amp;Scheduled scans</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> MB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Apply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Policy of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scans running at once on this appliance. One avoids scan storms.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Full scan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quick scan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quarantine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None (report only)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One per line: /pagefile.sys, *.vhdx</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mon</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thu</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fri</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sun</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scans at &amp;once:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Days:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Window:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scheduled scan &amp;kind:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action on &amp;detection:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Real-time scan by default:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Largest file to scan:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Most data per archive:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deepest archive nesting:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Most files per archive:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E&amp;xclusions:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At risk when the pattern file is older than:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At risk with no full scan for:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>change the policy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Apply to several appliances as well</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check the values and send them to the appliances.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scheduled scans need at least one day.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The scan window must not start and end at the same time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The most data per archive must be at least the largest file to scan.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The exclusion “%1” may not contain “..”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Apply this policy to %n appliance(s)? Their own settings for these values are replaced.</source>
        <translation>
            <numerusform>Apply this policy to %n appliance? Its own settings for these values are replaced.</numerusform>
            <numerusform>Apply this policy to %n appliances? Their own settings for these values are replaced.</numerusform>
        </translation>
    </message>
    <message>
        <source>Applying…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: applied.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is the policy as it is; only a security administrator can change it.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>mamori::ui::ReportDialog</name>
    <message>
        <source>Save report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDF documents (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a file to write the report to.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The report was written to %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Period &amp;from:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;to:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>F&amp;ormat:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>F&amp;ile:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDF document</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV (spreadsheet)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Write report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No program to open %1 was found.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is a folder: add a file name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 already exists. Replace it with this report?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was written: %1 is kept as it was.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open Report</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>mamori::ui::ReportWriter</name>
    <message>
        <source>Host</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>VM</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Protection status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pattern file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last scan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open incidents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Incident</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Severity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First seen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Threat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action taken</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Assignee</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Section</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The report could not be written to %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mamori report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Written %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Protection status of the fleet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Incidents from %1 to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The report could not be written to %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Metric</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Average</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Peak</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Baseline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Average (% of baseline)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Samples</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no samples</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no baseline yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No appliances in the fleet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Average use in the period as % of the no-scan baseline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resource use</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resource use against the baseline</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>mamori::ui::ScansPage</name>
    <message>
        <source>&amp;Cancel scan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Policy…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each appliance scans at most as many VMs at once as its policy allows (normally one): the others wait in the scan queue in the order shown.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scan the selected VMs, a host or the whole fleet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>start scans</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>View or change the scan policy of an appliance.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a running or waiting scan to cancel it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cancel scans</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel the selected scan.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1: %n scan(s) queued.</source>
        <translation>
            <numerusform>%1: %n scan queued.</numerusform>
            <numerusform>%1: %n scans queued.</numerusform>
        </translation>
    </message>
    <message>
        <source>Cancel the scan of %1 on %2?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: the scan of %2 was cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select VMs or a host on the Hosts and VMs page first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No appliance is connected.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run &amp;now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a waiting or held-back manual scan to start it now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start this scan now, even while the host is busy or another scan runs. The appliance records who did it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: the scan of %2 runs now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;tart scan…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>mamori::ui::StartScanDialog</name>
    <message>
        <source>Start scan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paths inside the VM, separated by ;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Host / VM</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Protection status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>start scans</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tick &amp;all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tick &amp;none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Paths:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;VMs to scan:</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n VM(s) ticked.</source>
        <translation>
            <numerusform>%n VM ticked.</numerusform>
            <numerusform>%n VMs ticked.</numerusform>
        </translation>
    </message>
    <message>
        <source>Tick at least one VM.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A custom scan needs at least one path.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” is not an absolute path inside the VM.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>mamori::ui::VmPage</name>
    <message>
        <source>Working…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>VM – Mamori</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The appliance no longer lists this VM.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 on %2 – Mamori</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Host</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Power</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Network</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Isolated (links down)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Real-time scanning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last scan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last full scan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Threats found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open in Incidents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Incidents page with this VM&apos;s incidents and their actions.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Performance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Incidents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recent scans</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Performance against baseline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queued</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ended</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>VM</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Never</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>mamori::ui::WelcomePanel</name>
    <message>
        <source>Add your first appliance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mamori watches the security appliance on each hypervisor host. Add one, and its virtual machines, scans, pattern files and incidents appear here.

You need the appliance&apos;s address, its certificate fingerprint (it prints it when it starts, and mamori-appliance fingerprint shows it on the host) and an account made there with mamori-appliance user add.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add Appliance…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read the Administrator&apos;s &amp;Guide</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>mamori::widgets::MetricChart</name>
    <message>
        <source>No data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <comment>current value · percent of baseline</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1% of baseline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (paused)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Baseline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scan running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CPU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Memory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disk read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disk write</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1%</source>
        <comment>percent</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1/s</source>
        <comment>bytes per second</comment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>mamori::widgets::StatusChart</name>
    <message numerus="yes">
        <source>%1: %n VM(s) (%2 of all)</source>
        <translation>
            <numerusform>%1: %n VM (%2 of all)</numerusform>
            <numerusform>%1: %n VMs (%2 of all)</numerusform>
        </translation>
    </message>
    <message>
        <source>VMs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Click to list these VMs.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>mamori::widgets::TrendChart</name>
    <message numerus="yes">
        <source>%1: %n detection(s)</source>
        <translation>
            <numerusform>%1: %n detection</numerusform>
            <numerusform>%1: %n detections</numerusform>
        </translation>
    </message>
    <message>
        <source>Click to list these incidents.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>

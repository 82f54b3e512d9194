# docs/SECURITY.md: the promises about the secret's path that only the whole module, over real HTTP, can show.
# (The others are tested where their feature is: Connection, Network, and the client's SecretPathTests.)
BeforeAll {
    Import-Module $env:PORTONE_TEST_SUPPORT -Force
    Import-Module $env:PORTONE_TEST_MODULE -Force
    $script:emu = Start-PortOneEmulator -ArgumentList '--payments', '500', '--seed', '31', '--span-days', '5' -ImpKey 'imp_key_GAMMA4321' -ImpSecret 'S3cr3t-gamma-do-not-show'
    Connect-PortOne -Credential $emu.Credential -ApiBaseUri $emu.BaseUri
}
AfterAll {
    Disconnect-PortOne
    $emu | Stop-PortOneEmulator
}

Describe 'The secret path' {
    It 'sends the secret in no URL the server logs (S1)' {
        Reset-EmulatorRequest $emu
        Connect-PortOne -Credential $emu.Credential -ApiBaseUri $emu.BaseUri
        $ids = @(Get-PortOnePayment -Status All -First 3).ImpUid
        $null = Get-PortOnePayment -ImpUid $ids[0]
        $requests = @(Get-EmulatorRequest $emu)
        $requests.path | Should -Contain '/users/getToken'
        $requests.Count | Should -BeGreaterOrEqual 3
        foreach ($r in $requests) { "$($r.path)?$($r.query)" | Should -Not -Match 'S3cr3t|imp_key_GAMMA' }
    }

    It 'writes neither the key nor the secret into a checkpoint (L5)' {
        $cp = Join-Path $TestDrive 'security.checkpoint'
        $null = Get-PortOnePayment -Checkpoint $cp -NewCheckpoint -From (Get-Date).AddDays(-2)
        $text = Get-Content $cp -Raw
        $text | Should -Match 'key-sha256:[0-9a-f]{16}'
        $text | Should -Not -Match 'imp_key_GAMMA|GAMMA4321|S3cr3t'
    }
}

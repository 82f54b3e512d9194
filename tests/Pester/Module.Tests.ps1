# The built module as a user meets it: manifest, exported commands, help entry points.
BeforeAll {
    $manifest = $env:PORTONE_TEST_MODULE
}

Describe 'The built module' {
    It 'has a valid manifest stamped with its version folder' {
        $info = Test-ModuleManifest $manifest
        $info.Version.ToString() | Should -Be (Split-Path (Split-Path $manifest) -Leaf)
        $info.CompatiblePSEditions | Should -Contain 'Desktop'
        $info.CompatiblePSEditions | Should -Contain 'Core'
    }

    It 'imports in a fresh pwsh and lists exactly its five cmdlets' {
        $names = & ([Environment]::ProcessPath) (Join-Path $PSHOME 'pwsh.dll') -NoProfile -NonInteractive -Command "Import-Module '$manifest'; (Get-Command -Module PortOne).Name -join ','"
        ($names -split ',' | Sort-Object) | Should -Be @('Connect-PortOne', 'Disconnect-PortOne', 'Export-PortOnePayment', 'Get-PortOneConnection', 'Get-PortOnePayment')
    }

    It 'exports nothing by wildcard' {
        $data = Import-PowerShellDataFile $manifest
        foreach ($key in 'CmdletsToExport', 'FunctionsToExport', 'AliasesToExport', 'VariablesToExport') {
            @($data[$key]) -join ',' | Should -Not -Match '\*'
        }
    }
}

using System;
using System.Management.Automation;

namespace PortOne.Arguments
{
    /// <summary>
    /// Refuses the secret as plain text (-ImpSecret 'abc') with the three ways to make the SecureString it takes, instead
    /// of PowerShell's bare "cannot convert System.String to SecureString". The message never repeats the value.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class ImpSecretTransformationAttribute : ArgumentTransformationAttribute
    {
        /// <inheritdoc/>
        public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
        {
            object? value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
            if (value is string)
            {
                throw new ArgumentTransformationMetadataException(
                    "-ImpSecret takes a SecureString, not text. Make one at a prompt with -ImpSecret (Read-Host -AsSecureString 'imp_secret'); " +
                    "or pass -Credential (Get-Credential -UserName <imp_key>) instead of -ImpKey; " +
                    "or, in a script that holds the secret in $secret, -ImpSecret (ConvertTo-SecureString $secret -AsPlainText -Force).");
            }
            return inputData;
        }
    }
}

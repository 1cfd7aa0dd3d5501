using System;
using System.Management.Automation;
using System.Security;
using FragmentPS.Core;

namespace FragmentPS.Internal
{
    /// <summary>
    /// Refuses a plain-text -Token with the ways to make a SecureString, instead of the binder's conversion
    /// error (which would also print the token). The value itself is never part of the message.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class TokenTransformationAttribute : ArgumentTransformationAttribute
    {
        public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
        {
            object? value = inputData is PSObject pso ? pso.BaseObject : inputData;
            if (value is SecureString || value == null) return value;
            if (value is PSCredential credential) return credential.Password;
            throw new ArgumentTransformationMetadataException(
                $"-Token takes a SecureString, not {(value is string ? "a plain string" : "a " + value.GetType().Name)} (the value is not shown). " +
                "Use -Token (Read-Host -Prompt 'Fragment token' -AsSecureString), " +
                "or -Token (ConvertTo-SecureString -String $text -AsPlainText -Force) for a token you already hold as text, " +
                $"or set ${"env:"}{FragmentClientOptions.TokenEnvironmentVariable} and leave -Token out.");
        }
    }
}

using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace WsoClusterPS.Engine.Ssh
{
    public enum KnownHostVerdict
    {
        Trusted,
        Unknown,
        Changed,
        Revoked,
    }
}

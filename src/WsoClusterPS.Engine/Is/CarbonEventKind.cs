using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;

namespace WsoClusterPS.Engine.Is
{
    public enum CarbonEventKind
    {
        LocalMember,
        Elected,
        MemberJoined,
        MemberLeft,
        Started,
        ShuttingDown,
    }
}

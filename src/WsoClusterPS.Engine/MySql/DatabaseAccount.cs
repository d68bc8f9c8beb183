namespace WsoClusterPS.Engine.MySql
{
    /// <summary>A MySQL user name and password; the password only ever goes into a connection string.</summary>
    public sealed class DatabaseAccount
    {
        public DatabaseAccount(string user, string password)
        {
            User = user;
            Password = password;
        }

        public string User { get; }
        internal string Password { get; }
    }
}

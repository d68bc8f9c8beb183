using WsoClusterPS.Engine.Is.Nodes;


namespace WsoClusterPS.Tests.Is;

public class HostsFileTests
{
    private const string Hosts = "127.0.0.1\tlocalhost\n# The following lines are desirable for IPv6 capable hosts\n::1     localhost ip6-localhost ip6-loopback\n";

    [Fact]
    public void A_missing_entry_is_added_at_the_end_and_the_rest_is_kept() =>
        Assert.Equal(Hosts + "10.0.0.10\twso2.is\n", HostsFile.WithEntry(Hosts, "wso2.is", "10.0.0.10"));

    [Fact]
    public void The_same_entry_again_changes_nothing()
    {
        var once = HostsFile.WithEntry(Hosts, "wso2.is", "10.0.0.10");
        Assert.Equal(once, HostsFile.WithEntry(once, "wso2.is", "10.0.0.10"));
        Assert.Equal("10.0.0.10 WSO2.IS # lb", HostsFile.WithEntry("10.0.0.10 WSO2.IS # lb", "wso2.is", "10.0.0.10"));
    }

    [Fact]
    public void A_new_address_replaces_the_old_line_in_place()
    {
        var text = "127.0.0.1\tlocalhost\n10.0.0.9\twso2.is\n# end\n";
        Assert.Equal("127.0.0.1\tlocalhost\n10.0.0.10\twso2.is\n# end\n", HostsFile.WithEntry(text, "wso2.is", "10.0.0.10"));
    }

    [Fact]
    public void A_line_naming_other_hosts_keeps_them()
    {
        var text = "10.0.0.9 lb wso2.is # the balancer\n";
        Assert.Equal("10.0.0.10\twso2.is\n10.0.0.9\tlb # the balancer\n", HostsFile.WithEntry(text, "wso2.is", "10.0.0.10"));
    }

    [Fact]
    public void Crlf_and_a_missing_final_newline_are_handled()
    {
        Assert.Equal("127.0.0.1 localhost\r\n10.0.0.10\twso2.is\r\n", HostsFile.WithEntry("127.0.0.1 localhost\r\n", "wso2.is", "10.0.0.10"));
        Assert.Equal("127.0.0.1 localhost\n10.0.0.10\twso2.is\n", HostsFile.WithEntry("127.0.0.1 localhost", "wso2.is", "10.0.0.10"));
    }

    [Theory]
    [InlineData("wso2 is", "10.0.0.10")]
    [InlineData("wso2.is\n10.0.0.1 evil", "10.0.0.10")]
    [InlineData("wso2.is", "not-an-ip")]
    public void Bad_names_and_addresses_are_refused(string hostname, string address) =>
        Assert.Throws<ArgumentException>(() => HostsFile.WithEntry(Hosts, hostname, address));
}

from perfform.entry import main

main()

from perfform.cli import main

main()
